// Bounds on what hostile input can make ballast do (docs/limits.md lists each
// with its error). A LimitError is an InputError (one line, exit 2) but a
// distinct type: code that tolerates a bad expansion (catching ShellError and
// keeping the raw text) must not swallow "this input is too big to process".
#pragma once

#include <cstddef>

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

}  // namespace limits
}  // namespace ballast
