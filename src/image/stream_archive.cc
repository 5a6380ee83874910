#include "image/stream_archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "image/blob_reader.h"
#include "image/forward_read.h"
#include "image/tar_path.h"
#include "util/error.h"
#include "util/sha256.h"

namespace ballast::image {
namespace {

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

std::string archive_error(struct archive* a) {
  const char* e = archive_error_string(a);
  return e ? e : "unknown error";
}

// One member of the outer archive, readable once from start to end as a
// non-seekable ByteSource: read_at() serves the kept head again, skips
// forward by reading, and refuses to go back (a programming error).
class MemberSource final : public ByteSource {
 public:
  MemberSource(struct archive* a, std::uint64_t size, std::string name)
      : a_(a), size_(size), name_(std::move(name)) {}
  std::uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }
  bool seekable() const override { return false; }

  std::size_t read_at(std::uint64_t offset, void* buf, std::size_t n) const override {
    if (offset >= size_) return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, size_ - offset));
    auto* out = static_cast<char*>(buf);
    const std::size_t done = read_kept_head(head_, offset, out, n);
    const std::uint64_t at = offset + done;
    if (done < n && at < pos_)
      throw std::logic_error(name_ + ": stream read at " + std::to_string(at) + " after " +
                             std::to_string(pos_));
    return pull_forward([this](char* p, std::size_t len) { return pull(p, len); }, pos_, at, out, done, n);
  }

  // Reads whatever the consumer left, so the digest covers the whole member.
  void drain() {
    std::unique_ptr<char[]> scratch(new char[256 * 1024]);
    while (pos_ < size_)
      if (pull(scratch.get(), 256 * 1024) == 0) break;
    if (pos_ != size_) throw InputError(name_ + ": truncated stream");
  }
  std::string hex_digest() { return sha_.hex_digest(); }
  std::string head() const { return head_; }

 private:
  std::size_t pull(char* p, std::size_t n) const {
    la_ssize_t got = archive_read_data(a_, p, n);
    if (got < 0) throw InputError(name_ + ": " + archive_error(a_));
    auto len = static_cast<std::size_t>(got);
    sha_.update(p, len);
    keep_head(head_, pos_, p, len);
    pos_ += len;
    return len;
  }

  struct archive* a_;
  std::uint64_t size_;
  std::string name_;
  mutable std::uint64_t pos_ = 0;
  mutable std::string head_;
  mutable Sha256 sha_;
};

// A layer that has been read: its size and first bytes, nothing else.
class ReadLayerSource final : public ByteSource {
 public:
  ReadLayerSource(std::uint64_t size, std::string head, std::string name)
      : size_(size), head_(std::move(head)), name_(std::move(name)) {}
  std::uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }
  bool seekable() const override { return false; }
  std::size_t read_at(std::uint64_t offset, void* buf, std::size_t n) const override {
    if (offset >= size_) return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, size_ - offset));
    if (offset + n > head_.size())
      throw std::logic_error(name_ + ": streamed layer read again at " + std::to_string(offset));
    std::memcpy(buf, head_.data() + offset, n);
    return n;
  }

 private:
  std::uint64_t size_;
  std::string head_;
  std::string name_;
};

// The members that were not layers (small JSON documents) and the layers'
// placeholders, by path; symlinked members (Docker 20.10 links a repeated
// layer to its first copy) resolve to their target.
class StreamStore final : public BlobStore {
 public:
  explicit StreamStore(std::string name) : name_(std::move(name)) {}
  bool exists(const std::string& path) const override { return members_.count(resolve(path)) > 0; }
  ByteSourcePtr open(const std::string& path) const override {
    auto it = members_.find(resolve(path));
    if (it == members_.end()) throw InputError(name_ + ": missing " + path + " in the stream");
    return it->second;
  }
  const std::string& name() const override { return name_; }

  void add(std::string path, ByteSourcePtr source) { members_[std::move(path)] = std::move(source); }
  void link(std::string path, std::string target) { links_[std::move(path)] = std::move(target); }

 private:
  std::string resolve(std::string path) const {
    for (int hops = 0; hops < 8; ++hops) {
      auto it = links_.find(path);
      if (it == links_.end()) break;
      path = it->second;
    }
    return path;
  }
  std::string name_;
  std::map<std::string, ByteSourcePtr> members_;
  std::map<std::string, std::string> links_;
};

bool looks_like_json(const std::string& head) {
  for (char c : head) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{' || c == '[';
  }
  return false;
}

// A member that may be a layer: legacy "<id>/layer.tar", podman's
// "<digest>.tar", or any OCI blob (configs and manifests are blobs too, told
// apart by their first byte).
bool maybe_layer(const std::string& path) {
  return path.starts_with("blobs/") || path.ends_with(".tar");
}

struct ReadLayer {
  LayerReadResult result;
  std::string sha256;
  Compression compression = Compression::kNone;
};

}  // namespace

StreamedImage read_image_stream(int fd, const std::string& name, const StreamReadOptions& options) {
  std::unique_ptr<struct archive, ArchiveDeleter> a(archive_read_new());
  archive_read_support_format_tar(a.get());
  // `docker save app | gzip` is a common way to carry an archive around.
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_zstd(a.get());
  if (archive_read_open_fd(a.get(), fd, 1 << 20) != ARCHIVE_OK)
    throw InputError(name + ": not a tar archive: " + archive_error(a.get()));

  auto store = std::make_shared<StreamStore>(name);
  std::unordered_map<const ByteSource*, ReadLayer> layers;
  std::unordered_map<const ByteSource*, std::string> member_of;  // the member path each layer was read at
  LayerReadOptions lo = options.layer;
  lo.expected_digest.clear();  // hashed here, by MemberSource, whatever the layer holds
  lo.expected_diff_id.clear();  // known only once the config is read: compared below
  lo.hash_tar = options.verify_diff_ids;
  auto report_progress = [&](std::size_t done) {
    if (options.on_layer_done) options.on_layer_done(done, std::max(options.expected_layers, done));
  };
  std::string why;
  struct archive_entry* e = nullptr;
  for (;;) {
    int rc = archive_read_next_header(a.get(), &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
      throw InputError(name + ": corrupt or truncated archive: " + archive_error(a.get()));
    const char* raw = archive_entry_pathname(e);
    if (!raw) throw InputError(name + ": archive member without a name");
    auto path = clean_tar_path(raw, &why);
    if (!path) throw InputError(name + ": hostile archive member '" + std::string(raw) + "': " + why);
    mode_t type = archive_entry_filetype(e);
    if (const char* hard = archive_entry_hardlink(e)) {
      if (auto target = clean_tar_path(hard, &why)) store->link(*path, *target);
      continue;
    }
    if (type == AE_IFLNK) {
      const char* target = archive_entry_symlink(e);
      store->link(*path, resolve_link_target(parent_path(*path), target ? target : ""));
      continue;
    }
    if (type != AE_IFREG) continue;
    la_int64_t size = archive_entry_size(e);
    if (size < 0) throw InputError(name + ": member " + *path + " without a size");
    std::string member_name = name + ":" + *path;
    auto member = std::make_shared<MemberSource>(a.get(), static_cast<std::uint64_t>(size), member_name);
    char first[512];
    member->read_at(0, first, std::min<std::size_t>(sizeof first, static_cast<std::size_t>(size)));
    if (!maybe_layer(*path) || (looks_like_json(member->head()) && static_cast<std::uint64_t>(size) <= kMaxJsonBytes)) {
      // Small documents: kept whole. A "JSON-looking" blob that does not
      // parse is a layer after all, read from memory.
      std::string bytes = read_all(*member, kMaxJsonBytes);
      bool is_doc = !maybe_layer(*path) || nlohmann::json::accept(bytes);
      std::string digest = is_doc ? std::string() : sha256_hex(bytes);
      ByteSourcePtr kept = memory_source(std::move(bytes), member_name);
      if (!is_doc) {
        ReadLayer layer;
        layer.compression = sniff_compression(*kept);
        layer.result = read_layer(kept, lo);
        layer.sha256 = std::move(digest);
        layers.emplace(kept.get(), std::move(layer));
        member_of.emplace(kept.get(), *path);
        report_progress(layers.size());
      }
      store->add(*path, std::move(kept));
      continue;
    }
    ReadLayer layer;
    layer.compression = sniff_compression(*member);
    layer.result = read_layer(member, lo);
    member->drain();
    layer.sha256 = member->hex_digest();
    auto placeholder = std::make_shared<ReadLayerSource>(member->size(), member->head(), member_name);
    layers.emplace(placeholder.get(), std::move(layer));
    member_of.emplace(placeholder.get(), *path);
    store->add(*path, std::move(placeholder));
    report_progress(layers.size());
  }
  a.reset();

  StreamedImage out;
  if (store->exists("manifest.json"))
    out.image = resolve_docker_archive(store, options.resolve);
  else if (store->exists("index.json"))
    out.image = resolve_oci_layout(store, options.resolve);
  else
    throw InputError(name + ": not an image archive (no manifest.json or index.json)");
  out.image.description = name;
  if (!out.image.name.empty()) out.image.description += " (" + out.image.name + ")";

  // Place each layer; one read twice by the manifest (a repeated layer) is
  // copied, the last use moves.
  std::unordered_map<const ByteSource*, std::size_t> uses;
  for (const LayerBlob& blob : out.image.layers) ++uses[blob.source.get()];
  for (LayerBlob& blob : out.image.layers) {
    auto it = layers.find(blob.source.get());
    if (it == layers.end()) throw InputError(blob.source->name() + ": not a layer");
    ReadLayer& layer = it->second;
    blob.member = member_of.at(blob.source.get());
    // docker-archive states the diff ID, which only uncompressed bytes can match.
    bool checkable = !blob.digest.empty() &&
                     (blob.digest != blob.diff_id || layer.compression == Compression::kNone);
    if (options.verify && checkable) {
      std::string expected = blob.digest.starts_with("sha256:") ? blob.digest.substr(7) : blob.digest;
      if (layer.sha256 != expected)
        throw InputError(blob.source->name() + ": digest mismatch (expected sha256:" + expected +
                         ", got sha256:" + layer.sha256 + ")");
      layer.result.verified = true;
    }
    if (options.verify_diff_ids && blob.diff_id.starts_with("sha256:")) {
      check_diff_id(blob.source->name(), blob.diff_id, layer.result.tar_sha256);
      layer.result.diff_id_verified = true;
    }
    if (--uses[blob.source.get()] == 0)
      out.layers.push_back(std::move(layer.result));
    else
      out.layers.push_back(layer.result);
  }
  return out;
}

}  // namespace ballast::image
