// Bounds on what hostile input can make ballast do (docs/limits.md lists each
// with its error). A LimitError is an InputError (one line, exit 2) but a
// distinct type: code that tolerates a bad expansion (catching ShellError and
// keeping the raw text) must not swallow "this input is too big to process".
#pragma once

#include <cstddef>
#include <cstdint>

#include "util/error.h"

namespace ballast {

class LimitError : public InputError {
 public:
  using InputError::InputError;
};

namespace limits {

// ${v:-${v:-...}} nesting in a Dockerfile word. BuildKit recurses without a
// bound; real Dockerfiles nest two or three deep.
inline constexpr int kMaxExpansionDepth = 100;
// Bytes one expansion may produce (ARG a2=${a1}${a1} doubling).
inline constexpr std::size_t kMaxExpandedBytes = std::size_t{1} << 20;  // 1 MiB
// ONBUILD ONBUILD ... nesting. BuildKit refuses any chaining at build time.
inline constexpr int kMaxOnbuildDepth = 8;
// Parentheses nesting in a requirement's environment marker.
inline constexpr int kMaxMarkerDepth = 100;
// Bytes of one requirements file (and of each -r/-c include).
inline constexpr std::size_t kMaxRequirementsBytes = std::size_t{16} << 20;  // 16 MiB
// Characters of an unparsable line quoted in a diagnostic.
inline constexpr std::size_t kMaxQuotedLineChars = 40;
// context --walk-threads.
inline constexpr unsigned kMaxWalkThreads = 64;

// Nesting of a JSON document read from an image or a registry (manifest,
// index, config). Real ones nest 5 deep; nlohmann's parser recurses per level.
inline constexpr std::size_t kMaxJsonDepth = 64;
// Values (strings, numbers, objects, ...) in one such document. A config with
// 127 history entries holds ~1,000; the parsed form takes ~100 bytes a value.
inline constexpr std::size_t kMaxJsonValues = 1'000'000;

// history[] entries in one image config. Docker allows 127 layers; empty
// layers (ENV, CMD, ...) add a few hundred entries at most.
inline constexpr std::size_t kMaxHistoryEntries = 10'000;

// Decompression bombs: bytes one layer may decompress to, and the ratio of
// decompressed to stored bytes (checked past 1 GiB). The largest real layers
// hold tens of GB; deflate cannot exceed ~1032:1, so only a zstd (or
// hand-crafted) stream reaches the ratio.
inline constexpr std::uint64_t kMaxLayerTarBytes = std::uint64_t{1} << 40;  // 1 TiB
inline constexpr std::uint64_t kMaxDecompressionRatio = 10'000;

// A layer entry's name (and link target) after cleaning: bytes and
// components. Linux refuses paths over PATH_MAX (4096) in one system call, so
// an engine could not extract a longer one; merging costs grow with depth.
inline constexpr std::size_t kMaxPathBytes = 4096;
inline constexpr std::size_t kMaxPathDepth = 1024;
// Entries in one layer's tar (the largest real images hold ~1M files in all).
inline constexpr std::size_t kMaxLayerEntries = 8'000'000;
// Metadata ballast holds for one image: entry records, names and link
// targets of every layer (a million-file image needs ~150 MB).
inline constexpr std::uint64_t kMaxMetadataBytes = std::uint64_t{4} << 30;  // 4 GiB

}  // namespace limits
}  // namespace ballast
