// Where the contents of a layer read from an eStargz table of contents live:
// each regular file is one or more chunks, each chunk `size` bytes found
// `inner_offset` bytes into the gzip member that starts at blob offset
// `offset` (eStargz spec: TOCEntry offset / innerOffset / chunkSize). A file's
// TarEntry::data_offset is the index of its first chunk here; its chunks are
// consecutive and their sizes add up to the file's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "image/byte_source.h"
#include "image/layer_table.h"

namespace ballast::image {

struct TocChunk {
  std::uint64_t offset = 0;        // of the gzip member in the blob
  std::uint64_t inner_offset = 0;  // of the chunk in that member's inflated bytes
  std::uint64_t size = 0;          // inflated bytes of the chunk
};

struct TocIndex {
  std::vector<TocChunk> chunks;
  std::uint64_t data_end = 0;  // members holding file data end before this (the TOC member)
};

// Inflates the first `length` bytes of entry e's contents (only the chunks
// that hold them) and hands them to `sink` block by block. Throws InputError
// naming the blob when a chunk is corrupt or shorter than the TOC says.
void read_toc_contents(const ByteSource& blob, const TocIndex& index, const TarEntry& e,
                       std::uint64_t length,
                       const std::function<void(const void* data, std::size_t size)>& sink);

}  // namespace ballast::image
