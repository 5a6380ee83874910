// The compact table of one layer's tar entries: what every analysis reads.
// Paths live in one arena per layer (no std::string per entry) and entries are
// fixed-size records, so a 1M-file image costs well under 300 bytes a file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ballast::image {

enum class EntryType : std::uint8_t {
  kFile,
  kDirectory,
  kSymlink,
  kHardlink,
  kCharDevice,
  kBlockDevice,
  kFifo,
  kWhiteout,  // `.wh.NAME`: path is NAME, which is deleted from the layers below
  kOpaque,    // `.wh..wh..opq`: path is the directory whose lower contents are hidden
};

std::string_view to_string(EntryType t);

inline constexpr std::uint64_t kNoOffset = ~std::uint64_t{0};

struct TarEntry {
  std::uint32_t path_offset = 0;  // into LayerTable::arena
  std::uint32_t path_length = 0;
  std::uint32_t link_offset = 0;  // symlink target as written, or hardlink target cleaned like paths
  std::uint32_t link_length = 0;
  std::uint64_t size = 0;         // tar header size (0 for hardlinks and directories)
  std::uint64_t data_offset = kNoOffset;  // contents' offset in the layer tar, when seekable
  std::uint64_t content_hash = 0;         // xxh3-64 of the contents, when has_hash
  std::uint32_t mode = 0;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  EntryType type = EntryType::kFile;
  bool has_hash = false;
};

class LayerTable {
 public:
  std::uint32_t add_string(std::string_view s);
  std::string_view str(std::uint32_t offset, std::uint32_t length) const {
    return std::string_view(arena_).substr(offset, length);
  }
  std::string_view path(const TarEntry& e) const { return str(e.path_offset, e.path_length); }
  std::string_view link(const TarEntry& e) const { return str(e.link_offset, e.link_length); }

  std::vector<TarEntry>& entries() { return entries_; }
  const std::vector<TarEntry>& entries() const { return entries_; }
  std::size_t memory_bytes() const {
    return arena_.capacity() + entries_.capacity() * sizeof(TarEntry);
  }
  // The names of every entry, back to back (the layer cache stores it as is).
  const std::string& arena() const { return arena_; }
  // A table rebuilt from stored parts (cache/entry_codec.h checks that every
  // offset lies inside `arena` first).
  static LayerTable from_parts(std::string arena, std::vector<TarEntry> entries) {
    LayerTable t;
    t.arena_ = std::move(arena);
    t.entries_ = std::move(entries);
    return t;
  }
  void shrink_to_fit() {
    arena_.shrink_to_fit();
    entries_.shrink_to_fit();
  }

 private:
  std::string arena_;
  std::vector<TarEntry> entries_;
};

}  // namespace ballast::image
