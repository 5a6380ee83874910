// Writing the slim image: every blob (kept base layers copied byte for byte
// and re-hashed on the way, the new layer from its temporary file, the
// config) into a docker-archive, an OCI layout or an OCI archive. The output
// is built beside the target under a temporary name and renamed over it
// only when complete, so a failure leaves nothing half-written; blob file
// names come only from digests checked to be "sha256:" + 64 hex digits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "image/byte_source.h"
#include "image/compression.h"
#include "slim/output_target.h"

namespace ballast::slim {

struct OutputBlob {
  std::string digest;      // "sha256:<hex>": checked against the bytes while they are copied
  std::uint64_t size = 0;
  std::string media_type;  // OCI media type
  image::ByteSourcePtr source;
};

struct OutputImage {
  std::vector<OutputBlob> layers;
  std::string config_json;
  std::string repo_tag;  // docker-archive RepoTags (NAME:TAG); may be empty
  std::string ref_name;  // OCI org.opencontainers.image.ref.name; may be empty
};

// The temporary place a target is built in, removed unless commit() ran.
class Staging {
 public:
  // Throws InputError when the target exists and !force, or its directory
  // does not exist.
  Staging(const OutputTarget& target, bool force);
  ~Staging();
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;

  const std::string& root() const { return root_; }          // the temp file or directory
  // Where new layer `i`'s blob is written first (removed with the staging
  // unless write_output() moved it into the output).
  std::string layer_file(std::size_t i = 0);
  bool is_layer_file(const std::string& path) const;
  const std::string& target_dir() const { return dir_; }     // the directory holding the target
  void commit();  // renames the staged output over the target

 private:
  OutputTarget target_;
  bool force_;
  std::string dir_, root_, layer_stem_;
  std::vector<std::string> layers_;  // handed out by layer_file()
  bool committed_ = false;
};

// Fails with InputError when the file system holding `dir` has fewer than
// `bytes` available.
void check_free_space(const std::string& dir, std::uint64_t bytes);

// Writes the image into staging.root() in the target's format. The new
// layers' blobs at staging.layer_file(i) are among image.layers.
void write_output(const OutputTarget& target, const OutputImage& image, Staging& staging);

// Writes `image` as write_output writes a docker-archive, to `fd` (a pipe
// into docker load; left open), every blob checked against its digest on
// the way; `what` names the destination in errors.
void write_docker_archive_to(int fd, const OutputImage& image, const std::string& what);

// "application/vnd.oci.image.layer.v1.tar[+gzip|+zstd]" for a blob's bytes.
std::string layer_media_type(const image::ByteSource& blob);
std::string layer_media_type(image::Compression compression);

}  // namespace ballast::slim
