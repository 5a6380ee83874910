#include "writer/tar_writer.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>
#include <utility>

namespace ballast::writer {
namespace {

la_ssize_t append_to_string(struct archive*, void* data, const void* buf, size_t n) {
  static_cast<std::string*>(data)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

}  // namespace

TarWriter::TarWriter() : a_(archive_write_new()) {
  archive_write_set_format_pax_restricted(a_);
  // Unblocked: every header and every file's data comes out at once, and the
  // archive ends right after its two zero blocks.
  archive_write_set_bytes_per_block(a_, 0);
  archive_write_open(a_, &out_, nullptr, append_to_string, nullptr);
}

TarWriter::~TarWriter() { archive_write_free(a_); }

std::string TarWriter::take() { return std::exchange(out_, {}); }

std::string TarWriter::header(const TarHeader& h) {
  std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(e.get(), h.name.c_str());
  archive_entry_set_filetype(e.get(), h.type);
  archive_entry_set_perm(e.get(), h.mode);
  archive_entry_set_uid(e.get(), h.uid);
  archive_entry_set_gid(e.get(), h.gid);
  archive_entry_set_mtime(e.get(), 1700000000, 0);
  if (h.hardlink) archive_entry_set_hardlink(e.get(), h.link.c_str());
  else if (h.type == AE_IFLNK) archive_entry_set_symlink(e.get(), h.link.c_str());
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(h.size));
  if (archive_write_header(a_, e.get()) != ARCHIVE_OK)
    throw std::runtime_error(std::string("tar header: ") + archive_error_string(a_));
  return take();
}

std::string TarWriter::data(const std::string& bytes) {
  if (!bytes.empty()) archive_write_data(a_, bytes.data(), bytes.size());
  archive_write_finish_entry(a_);
  return take();
}

std::string TarWriter::close() {
  archive_write_close(a_);
  return take();
}

std::string TarWriter::entry(const TarHeader& h, const std::string& contents) {
  std::string out = header(h);
  out += data(contents);
  return out;
}

}  // namespace ballast::writer
