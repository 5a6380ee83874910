// Parsing a JSON document that came from a stranger (a manifest, an index, an
// image config, a registry's answer) with bounds on what it can make ballast
// hold: nesting depth and number of values are checked by a SAX pass, which
// needs memory only for the nesting stack, before the document is built — so
// memory stays a small multiple of the input (docs/limits.md). Byte size is
// bounded by the caller's read (image::kMaxJsonBytes).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace ballast {

struct JsonBounds {
  std::size_t max_depth = 0;   // 0: limits::kMaxJsonDepth
  std::size_t max_values = 0;  // 0: limits::kMaxJsonValues
};

// The parsed document, or a discarded value when the text is not JSON. Throws
// LimitError naming `where` when it nests too deep or holds too many values.
nlohmann::json parse_bounded_json(std::string_view text, const std::string& where,
                                  JsonBounds bounds = {});

}  // namespace ballast
