#include "image/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"

namespace ballast::image {
namespace {

class FileSource final : public ByteSource {
 public:
  FileSource(int fd, std::uint64_t size, std::string name)
      : fd_(fd), size_(size), name_(std::move(name)) {}
  ~FileSource() override { ::close(fd_); }
  std::uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }
  std::size_t read_at(std::uint64_t offset, void* buf, std::size_t n) const override {
    if (offset >= size_) return 0;
    if (n > size_ - offset) n = static_cast<std::size_t>(size_ - offset);
    std::size_t done = 0;
    while (done < n) {
      ssize_t got = ::pread(fd_, static_cast<char*>(buf) + done, n - done,
                            static_cast<off_t>(offset + done));
      if (got < 0) {
        if (errno == EINTR) continue;
        throw InputError(name_ + ": read failed: " + std::strerror(errno));
      }
      if (got == 0) break;  // file shrank under us: the caller sees a short read
      done += static_cast<std::size_t>(got);
    }
    return done;
  }

 private:
  int fd_;
  std::uint64_t size_;
  std::string name_;
};

class MemorySource final : public ByteSource {
 public:
  MemorySource(std::string bytes, std::string name) : bytes_(std::move(bytes)), name_(std::move(name)) {}
  std::uint64_t size() const override { return bytes_.size(); }
  const std::string& name() const override { return name_; }
  std::size_t read_at(std::uint64_t offset, void* buf, std::size_t n) const override {
    if (offset >= bytes_.size()) return 0;
    n = std::min<std::size_t>(n, bytes_.size() - offset);
    std::memcpy(buf, bytes_.data() + offset, n);
    return n;
  }

 private:
  std::string bytes_;
  std::string name_;
};

class SliceSource final : public ByteSource {
 public:
  SliceSource(ByteSourcePtr parent, std::uint64_t offset, std::uint64_t length, std::string name)
      : parent_(std::move(parent)), offset_(offset), length_(length), name_(std::move(name)) {}
  std::uint64_t size() const override { return length_; }
  const std::string& name() const override { return name_; }
  bool seekable() const override { return parent_->seekable(); }
  bool any_thread() const override { return parent_->any_thread(); }
  std::size_t read_at(std::uint64_t offset, void* buf, std::size_t n) const override {
    if (offset >= length_) return 0;
    n = std::min<std::uint64_t>(n, length_ - offset);
    return parent_->read_at(offset_ + offset, buf, n);
  }

 private:
  ByteSourcePtr parent_;
  std::uint64_t offset_;
  std::uint64_t length_;
  std::string name_;
};

}  // namespace

ByteSourcePtr open_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    throw InputError(path + ": " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputError(path + ": not a regular file");
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::make_shared<FileSource>(fd, static_cast<std::uint64_t>(st.st_size), path);
}

ByteSourcePtr memory_source(std::string bytes, std::string name) {
  return std::make_shared<MemorySource>(std::move(bytes), std::move(name));
}

ByteSourcePtr slice_source(ByteSourcePtr parent, std::uint64_t offset, std::uint64_t length,
                           std::string name) {
  if (offset > parent->size() || length > parent->size() - offset)
    throw InputError(name + ": truncated (needs " + std::to_string(offset + length) +
                     " bytes, " + parent->name() + " has " + std::to_string(parent->size()) + ")");
  return std::make_shared<SliceSource>(std::move(parent), offset, length, std::move(name));
}

std::string read_all(const ByteSource& source, std::size_t max_bytes) {
  if (source.size() > max_bytes)
    throw InputError(source.name() + ": too large (" + std::to_string(source.size()) +
                     " bytes, limit " + std::to_string(max_bytes) + ")");
  std::string out(static_cast<std::size_t>(source.size()), '\0');
  std::size_t got = source.read_at(0, out.data(), out.size());
  if (got != out.size()) throw InputError(source.name() + ": truncated");
  return out;
}

}  // namespace ballast::image
