#include "image/engine/saved_layers.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

#include "image/engine/endpoint.h"
#include "image/engine/engine_client.h"
#include "image/forward_read.h"
#include "image/tar_path.h"
#include "util/error.h"
#include "util/sha256.h"

namespace ballast::image::engine {

// The stream currently open and where it is: which members have passed, and
// which source's member is the one being read.
struct SavedLayers::Shared {
  Shared(std::string id, std::string shown_name)
      : image_id(std::move(id)), shown(std::move(shown_name)),
        client(find_engine_endpoint(environment_from_process())) {}
  ~Shared() { close(); }

  // Positions the stream at the start of `member`'s data for `owner`.
  void seek(const std::string& member, std::uint64_t owner) {
    if (!archive_ || passed.count(member)) open();
    struct archive_entry* e = nullptr;
    std::string why;
    for (;;) {
      int rc = archive_read_next_header(archive_, &e);
      if (rc == ARCHIVE_EOF) {
        fail_transfer();
        throw InputError(shown + ": the engine's image " + image_id + " no longer holds " + member);
      }
      if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
        fail_transfer();
        throw InputError(shown + ": corrupt or truncated stream: " + error());
      }
      const char* raw = archive_entry_pathname(e);
      auto path = clean_tar_path(raw ? raw : "", &why);
      if (!path) continue;
      passed.insert(*path);
      if (*path == member && archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e)) {
        current = owner;
        return;
      }
    }
  }

  std::size_t read(char* p, std::size_t n) {
    la_ssize_t got = archive_read_data(archive_, p, n);
    if (got < 0) {
      fail_transfer();
      throw InputError(shown + ": " + error());
    }
    return static_cast<std::size_t>(got);
  }

  // A stream that ended early: the transfer's own error explains it best.
  void fail_transfer() {
    if (transfer) transfer->finish();
  }

  std::string error() const {
    const char* e = archive_ ? archive_error_string(archive_) : nullptr;
    return e ? e : "unknown error";
  }

  void open() {
    close();
    transfer = client.stream("/images/" + image_id + "/get");
    archive_ = archive_read_new();
    archive_read_support_format_tar(archive_);
    if (archive_read_open_fd(archive_, transfer->fd(), 1 << 20) != ARCHIVE_OK) {
      fail_transfer();
      throw InputError(shown + ": not a tar archive: " + error());
    }
  }

  void close() {
    if (archive_) archive_read_free(archive_);
    archive_ = nullptr;
    if (transfer) transfer->finish_quietly();  // abandoned on purpose: its error is ours
    transfer.reset();
    passed.clear();
    current = 0;
  }

  std::string image_id, shown;
  EngineClient client;
  std::unique_ptr<StreamedGet> transfer;
  struct archive* archive_ = nullptr;
  std::set<std::string> passed;
  std::uint64_t current = 0;  // the source whose member the stream is in (0: none)
  std::uint64_t sources = 0;  // sources handed out, numbering them from 1
  std::mutex mutex;
};

namespace {

class SavedLayerSource final : public ByteSource {
 public:
  SavedLayerSource(std::shared_ptr<SavedLayers::Shared> shared, std::string member, std::uint64_t size,
                   std::string sha256_hex)
      : shared_(std::move(shared)), member_(std::move(member)), size_(size), expected_(std::move(sha256_hex)),
        name_(shared_->shown + ":" + member_), id_(++shared_->sources) {}

  std::uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }
  bool seekable() const override { return false; }

  std::size_t read_at(std::uint64_t offset, void* buf, std::size_t n) const override {
    if (offset >= size_) return 0;
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, size_ - offset));
    auto* out = static_cast<char*>(buf);
    const std::size_t done = read_kept_head(head_, offset, out, n);
    if (done == n) return done;
    const std::uint64_t at = offset + done;
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->current != id_ || pos_ > at) {
      // Not where the stream is (another layer was read since, or this one
      // is read again): find the member afresh.
      shared_->seek(member_, id_);
      pos_ = 0;
      sha_ = std::make_unique<Sha256>();
      checked_ = false;
    }
    return pull_forward([this](char* p, std::size_t len) { return pull(p, len); }, pos_, at, out, done, n);
  }

 private:
  std::size_t pull(char* p, std::size_t n) const {
    std::size_t len = shared_->read(p, n);
    if (len == 0 && pos_ < size_) {
      shared_->fail_transfer();
      throw InputError(name_ + ": truncated stream");
    }
    keep_head(head_, pos_, p, len);
    sha_->update(p, len);
    pos_ += len;
    if (pos_ == size_ && !checked_) {
      checked_ = true;
      if (!expected_.empty() && sha_->hex_digest() != expected_)
        throw InputError(name_ + ": the engine's layer changed since it was analyzed (expected sha256:" + expected_ +
                         ")");
    }
    return len;
  }

  std::shared_ptr<SavedLayers::Shared> shared_;
  std::string member_;
  std::uint64_t size_;
  std::string expected_;
  std::string name_;
  mutable std::uint64_t pos_ = 0;
  std::uint64_t id_;
  mutable std::string head_;
  mutable std::unique_ptr<Sha256> sha_;
  mutable bool checked_ = false;
};

}  // namespace

SavedLayers::SavedLayers(std::string image_id, std::string shown)
    : shared_(std::make_shared<Shared>(std::move(image_id), std::move(shown))) {}

SavedLayers::~SavedLayers() = default;

ByteSourcePtr SavedLayers::layer(const std::string& member, std::uint64_t size, const std::string& sha256_hex) {
  return std::make_shared<SavedLayerSource>(shared_, member, size, sha256_hex);
}

}  // namespace ballast::image::engine
