// Where ballast's documentation lives on the web, for links that must be
// absolute (SARIF's helpUri, SARIF 2.1.0 §3.49.12: "an absolute URI"): the
// repository's docs/ on its default branch. A relative doc path
// ("docs/rules.md#ba1001") becomes kDocsBaseUrl + that path. docs/formats.md
// names it; a fork that publishes elsewhere changes this one line.
#pragma once

#include <string>
#include <string_view>

namespace ballast::report {

inline constexpr std::string_view kDocsBaseUrl = "https://github.com/ballast-image/ballast/blob/main/";

inline std::string docs_url(std::string_view relative) { return std::string(kDocsBaseUrl) + std::string(relative); }

}  // namespace ballast::report
