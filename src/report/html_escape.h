// Text from an image in an HTML page. Paths, package names and Dockerfile
// lines are hostile input: any bytes, including <, &, quotes, newlines and
// sequences that are not UTF-8. Both functions make them inert and valid.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace ballast::report {

// For element text and double- or single-quoted attribute values: & < > " '
// become character references; each byte that is not part of a valid UTF-8
// sequence becomes U+FFFD; control characters (U+0000-U+001F, U+007F) become
// their visible Control Pictures (U+2400-U+241F, U+2421), so a name holding a
// newline shows as one line with a visible "␊" instead of breaking the layout.
std::string html_escape(std::string_view text);

// The document as compact JSON for a <script type="application/json">
// element: invalid UTF-8 becomes U+FFFD, and < > & are written as \u003c
// \u003e \u0026 so no string can close the element ("</script>") or open a
// comment ("<!--"). JSON.parse() of the element's text gives the document.
std::string script_json(const nlohmann::json& doc);

}  // namespace ballast::report
