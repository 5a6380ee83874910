#include "image/blob_tar.h"

#include <exception>
#include <utility>

namespace ballast::image {

BlobTar::BlobTar(BlobReader& reader, std::string name)
    : name_(std::move(name)), callbacks_{&reader, {}}, archive_(archive_read_new()) {
  struct archive* a = archive_.get();
  archive_read_support_format_tar(a);
  archive_read_support_format_empty(a);
  archive_read_set_callback_data(a, &callbacks_);
  archive_read_set_read_callback(a, read_cb);
  archive_read_set_skip_callback(a, skip_cb);
  if (archive_read_open1(a) != ARCHIVE_OK) throw fail("not a tar layer: " + archive_error());
}

InputError BlobTar::fail(const std::string& what) const {
  return InputError(callbacks_.error.empty() ? name_ + ": " + what : callbacks_.error);
}

std::string BlobTar::archive_error() const {
  // libarchive returns no message for some failures (a callback error).
  const char* msg = archive_error_string(archive_.get());
  return msg ? msg : "unknown error";
}

la_ssize_t BlobTar::read_cb(struct archive*, void* data, const void** buf) {
  auto* cb = static_cast<Callbacks*>(data);
  try {
    auto chunk = cb->reader->next();
    *buf = chunk.data();
    return static_cast<la_ssize_t>(chunk.size());
  } catch (const std::exception& e) {
    cb->error = e.what();
    return -1;
  }
}

la_int64_t BlobTar::skip_cb(struct archive*, void* data, la_int64_t request) {
  auto* cb = static_cast<Callbacks*>(data);
  if (request <= 0 || !cb->reader->can_skip()) return 0;  // libarchive then reads instead
  return static_cast<la_int64_t>(cb->reader->skip(static_cast<std::uint64_t>(request)));
}

}  // namespace ballast::image
