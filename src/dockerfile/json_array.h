// The exec form of RUN/CMD/ENTRYPOINT/COPY/...: BuildKit decodes the argument
// text with Go's json.Unmarshal into []any. Three outcomes matter and differ:
// not valid JSON (BuildKit silently falls back to the shell form), valid JSON
// with a non-string element (a hard parse error), or a list of strings.
// Go's decoder is reproduced: whitespace " \t\r\n", nesting limit 10000,
// invalid UTF-8 and lone surrogates become U+FFFD.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ballast::dockerfile::detail {

enum class JsonArrayStatus { kNotJson, kNotStrings, kStrings };

struct JsonArray {
  JsonArrayStatus status = JsonArrayStatus::kNotJson;
  std::vector<std::string> elements;  // kStrings only
};

// `text` must already have its leading blanks removed and start with '['.
JsonArray parse_json_array(std::string_view text);

}  // namespace ballast::dockerfile::detail
