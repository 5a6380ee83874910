// Shared by the libFuzzer targets (docs/fuzzing.md): how a target tells a
// clean refusal from a finding, and how one input is cut into several files.
//
// A target may end in exactly two ways: it returns, or the library threw
// ballast::InputError (what the CLI prints as one line, util/error_line.h,
// with exit 2). Any other exception (std::bad_alloc, a raw nlohmann or
// std::out_of_range error) escapes LLVMFuzzerTestOneInput, so libFuzzer
// reports it (std::terminate -> abort) along with every ASan/UBSan report,
// hang (-timeout) and runaway allocation (-rss_limit_mb, -malloc_limit_mb).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace ballast::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `body`; an InputError is a clean refusal.
template <typename F>
void expect_clean(F&& body) {
  try {
    body();
  } catch (const InputError&) {
  }
}

// Cuts an input into up to `max_parts` pieces at NUL bytes (text formats
// never hold NUL, so seeds are the files joined with "\0").
inline std::vector<std::string> split_parts(std::string_view in, std::size_t max_parts) {
  std::vector<std::string> parts;
  while (parts.size() + 1 < max_parts) {
    auto nul = in.find('\0');
    if (nul == std::string_view::npos) break;
    parts.emplace_back(in.substr(0, nul));
    in.remove_prefix(nul + 1);
  }
  parts.emplace_back(in);
  return parts;
}

}  // namespace ballast::fuzz
