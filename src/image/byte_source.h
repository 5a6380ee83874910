// Random-access bytes: the one interface every image input is read through.
// Files are read with pread (never copied), a tar member of an outer archive is
// a slice of its parent, and tests feed bytes from memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ballast::image {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::uint64_t size() const = 0;
  // Reads up to n bytes at offset; returns the count read (0 at the end).
  // Throws InputError on I/O failure.
  virtual std::size_t read_at(std::uint64_t offset, void* buf, std::size_t n) const = 0;
  // For messages: the file, or "archive.tar:blobs/sha256/ab…".
  virtual const std::string& name() const = 0;
  // True when read_at is a cheap pread on a file (so skipping data is free).
  virtual bool seekable() const { return true; }
  // True when any thread may call read_at (files; a registry blob, which
  // serialises its reads itself), so the layer reader can inflate on a
  // thread of its own; false for a member of an archive streamed on one
  // thread (stdin, the engine's export).
  virtual bool any_thread() const { return seekable(); }
};

using ByteSourcePtr = std::shared_ptr<const ByteSource>;

ByteSourcePtr open_file(const std::string& path);
ByteSourcePtr memory_source(std::string bytes, std::string name);
// A window [offset, offset+length) of a parent source; bounds are checked.
ByteSourcePtr slice_source(ByteSourcePtr parent, std::uint64_t offset, std::uint64_t length,
                           std::string name);

// Reads a whole (small) source into memory, refusing anything above max_bytes:
// manifests and configs are JSON of a few KB, a huge one is hostile input.
std::string read_all(const ByteSource& source, std::size_t max_bytes);

}  // namespace ballast::image
