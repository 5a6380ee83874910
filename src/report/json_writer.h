// The one writer of every `--format json` document: two-space indentation,
// a final newline, and never a failure on names that are not UTF-8 (tar
// entries, Dockerfile text and file names can hold any bytes; a JSON string
// cannot). The escaping, documented in docs/json-schema.md#names-that-are-not-utf-8:
//   - a string member "k" that is not valid UTF-8 is written with U+FFFD for
//     each byte that is not part of a valid sequence, and its exact bytes
//     follow in a member "k_bytes": lowercase hex of the original string;
//   - a member "k" that is an array of strings gets "k_bytes" when one of them
//     is not valid UTF-8: an array of the same length, null for the valid ones.
// Valid UTF-8 is written unchanged, so the documents of ordinary images are
// the same as before.
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace ballast::report {

// Applies the escaping above to every string below `doc`, in place.
void escape_invalid_utf8(nlohmann::json& doc);

// The document as text (escaping applied), without a final newline.
std::string json_text(nlohmann::json doc);

// json_text(doc) and a newline.
void write_json(nlohmann::json doc, std::ostream& out);

}  // namespace ballast::report
