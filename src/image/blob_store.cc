#include "image/blob_store.h"

#include <sys/stat.h>

#include <unordered_map>

#include "image/layer_reader.h"
#include "image/tar_path.h"
#include "util/error.h"

namespace ballast::image {
namespace {

class DirectoryStore final : public BlobStore {
 public:
  explicit DirectoryStore(std::string dir) : dir_(std::move(dir)) {}
  bool exists(const std::string& path) const override {
    struct stat st {};
    return ::stat(full(path).c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }
  ByteSourcePtr open(const std::string& path) const override {
    if (!exists(path)) throw InputError(dir_ + ": missing " + path);
    return open_file(full(path));
  }
  const std::string& name() const override { return dir_; }

 private:
  std::string full(const std::string& path) const { return dir_ + "/" + path; }
  std::string dir_;
};

struct Member {
  std::uint64_t offset;
  std::uint64_t size;
};

class TarStore final : public BlobStore {
 public:
  TarStore(ByteSourcePtr archive, std::unordered_map<std::string, Member> members)
      : archive_(std::move(archive)), members_(std::move(members)) {}
  bool exists(const std::string& path) const override { return members_.count(path) > 0; }
  ByteSourcePtr open(const std::string& path) const override {
    auto it = members_.find(path);
    if (it == members_.end()) throw InputError(archive_->name() + ": missing " + path);
    return slice_source(archive_, it->second.offset, it->second.size,
                        archive_->name() + ":" + path);
  }
  const std::string& name() const override { return archive_->name(); }

 private:
  ByteSourcePtr archive_;
  std::unordered_map<std::string, Member> members_;
};

}  // namespace

std::unique_ptr<BlobStore> open_directory_store(const std::string& dir) {
  return std::make_unique<DirectoryStore>(dir);
}

std::unique_ptr<BlobStore> open_tar_store(const std::string& archive_path) {
  ByteSourcePtr archive = open_file(archive_path);
  if (sniff_compression(*archive) != Compression::kNone)
    throw InputError(archive_path +
                     ": compressed image archive; decompress it first (e.g. gunzip, zstd -d)");
  // The outer archive is walked with the same header-only reader as layers:
  // its members' contents are skipped, their offsets recorded.
  LayerReadOptions options;
  options.hash_contents = false;
  LayerReadResult walked = read_layer(archive, options);
  std::unordered_map<std::string, Member> members;
  for (const TarEntry& e : walked.table.entries()) {
    if (e.type != EntryType::kFile) continue;
    members[std::string(walked.table.path(e))] = Member{e.data_offset, e.size};
  }
  return std::make_unique<TarStore>(archive, std::move(members));
}

}  // namespace ballast::image
