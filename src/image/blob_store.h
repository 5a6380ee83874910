// Where an image's files live: a directory (OCI layout) or a tar archive
// (docker save, oci-archive). Archive members are indexed once and read in
// place as slices of the archive file; nothing is extracted or copied.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "image/byte_source.h"

namespace ballast::image {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Relative path inside the store ("manifest.json", "blobs/sha256/ab…").
  virtual bool exists(const std::string& path) const = 0;
  // Throws InputError naming the store and path when missing.
  virtual ByteSourcePtr open(const std::string& path) const = 0;
  virtual const std::string& name() const = 0;
};

std::unique_ptr<BlobStore> open_directory_store(const std::string& dir);
std::unique_ptr<BlobStore> open_tar_store(const std::string& archive_path);

// JSON documents (manifests, configs, indexes) are small; anything bigger than
// this is refused rather than read into memory.
inline constexpr std::size_t kMaxJsonBytes = 64 * 1024 * 1024;

}  // namespace ballast::image
