// Writes eStargz layers (docs/estargz.md): every non-empty regular file's
// contents start a new gzip member (large files one member per chunk), the
// TOC `stargz.index.json` is the last tar entry in its own member, then the
// 51-byte footer. Used by tests and benchmarks to build eStargz fixtures, and
// by an OCI-layout writer that puts the toc.digest / uncompressed-size
// annotations on the layer descriptors as real eStargz producers do.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "writer/image_writer.h"

namespace ballast::writer {

struct EstargzBlob {
  std::string bytes;       // the blob as stored
  std::string toc_digest;  // "sha256:<hex>" of the TOC JSON
  std::string diff_id;     // "sha256:<hex>" of the uncompressed tar
  std::uint64_t tar_size = 0;
};

struct EstargzOptions {
  std::uint64_t chunk_size = 4 << 20;  // stargz-snapshotter's default
  // Writers put `.no.prefetch.landmark` (one byte, 0xf) first when no file
  // is prioritized (docs/estargz.md "Prioritized Files and Landmark Files").
  bool landmark = true;
};

EstargzBlob write_estargz(const std::vector<WriteEntry>& entries, const EstargzOptions& options = {});

// The 51-byte eStargz footer: an empty gzip member whose extra field points
// at the TOC member's offset in the blob (docs/estargz.md "Footer").
std::string estargz_footer(std::uint64_t toc_offset);

// One layer of an OCI layout written by write_estargz_oci_layout().
struct EstargzWriteLayer {
  std::vector<WriteEntry> entries;
  std::string created_by;
  bool estargz = true;  // false: an ordinary gzip layer
  EstargzOptions options;
  bool annotate_toc = true;   // containerd.io/snapshot/stargz/toc.digest
  bool annotate_size = true;  // io.containers.estargz.uncompressed-size
  std::string toc_digest_override;  // tests: state a wrong digest
  std::function<void(std::string& blob)> tamper;  // tests: damage the blob as stored
};

// A single-image OCI layout (linux/amd64) in `dir`, tagged `tag` when given.
void write_estargz_oci_layout(const std::vector<EstargzWriteLayer>& layers, const std::string& dir,
                              const std::string& tag = {});

}  // namespace ballast::writer
