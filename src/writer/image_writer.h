// Writes images from a description of their layers, in every format ballast
// reads: docker-archive (legacy and Docker >= 25 layouts), OCI layout
// directory and oci-archive, with uncompressed, gzip or zstd layers. Tests
// build their fixtures with it, the README example is made with it, and
// `ballast slim` will write its results with it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/compression.h"
#include "writer/tar_writer.h"
#include "image/image_config.h"

namespace ballast::writer {

// Layers and history are described in the reader's own terms.
using image::Compression;
using image::HistoryEntry;

struct WriteEntry {
  enum class Kind { kFile, kDirectory, kSymlink, kHardlink, kWhiteout, kOpaque, kRawName };
  Kind kind = Kind::kFile;
  std::string path;     // as it will appear in the tar (whiteouts: the deleted path)
  std::string content;  // file contents
  std::string link;     // symlink target / hardlink target
  std::uint32_t mode = 0644;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::uint64_t declared_size = 0;  // kRawName: header size without contents (hostile tests)
};

WriteEntry file_entry(std::string path, std::string content, std::uint32_t mode = 0644);
WriteEntry dir_entry(std::string path, std::uint32_t mode = 0755);
WriteEntry symlink_entry(std::string path, std::string target);
WriteEntry hardlink_entry(std::string path, std::string target);
WriteEntry whiteout_entry(std::string path);    // writes ".wh.<name>"
WriteEntry opaque_entry(std::string dir);       // writes "<dir>/.wh..wh..opq"

struct WriteLayer {
  std::vector<WriteEntry> entries;
  std::string created_by;
  Compression compression = Compression::kNone;
  // When set, these bytes are the layer's tar as is (tests of hostile input).
  std::string raw_tar;
};

struct WriteImage {
  std::vector<WriteLayer> layers;
  // When empty, one history entry per layer is made from created_by.
  std::vector<HistoryEntry> history;
  std::string os = "linux";
  std::string architecture = "amd64";
  std::string variant;
  std::vector<std::string> repo_tags;  // docker-archive RepoTags / OCI ref name
};

// The uncompressed tar of one layer.
std::string layer_tar(const WriteLayer& layer);

// How an entry is written in a layer tar: a directory's name ends in "/",
// whiteouts and opaque markers become their ".wh." files (mode 0), and only
// regular files have contents (of `content.size()` bytes).
TarHeader tar_header_of(const WriteEntry& e);

void write_file(const std::string& path, const std::string& bytes);

enum class DockerLayout { kLegacy, kDocker25 };

void write_docker_archive(const std::vector<WriteImage>& images, const std::string& path,
                          DockerLayout layout = DockerLayout::kLegacy);

// Several images with different platforms and no tag become one multi-platform
// index; several tagged images become separate top-level entries.
void write_oci_layout(const std::vector<WriteImage>& images, const std::string& dir,
                      bool multi_platform_index = false);
void write_oci_archive(const std::vector<WriteImage>& images, const std::string& path,
                       bool multi_platform_index = false);

}  // namespace ballast::writer
