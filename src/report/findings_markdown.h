// `--format markdown`: the findings as a compact GitHub-flavoured Markdown
// table, fit to paste (or post from CI) as a pull-request comment:
//
//   ### ballast lint: 2 findings (1 error, 1 warning)
//
//   | | Rule | Where | Finding | Saves |
//   |---|---|---|---|---|
//   | :x: | `BA3001` | `Dockerfile:1` | message<br>**Fix:** the change | |
//
// Severity is an emoji shortcode (:x: error, :warning: warning,
// :information_source: info); "Saves" appears only when some finding has
// measured bytes. Cell text escapes `|`, `<`, `>`, `&` and line breaks so no
// input can break the table; at most kMarkdownRows rows are listed (a GitHub
// comment holds 65,536 characters) and the rest are counted.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "report/findings_document.h"

namespace ballast::report {

inline constexpr std::size_t kMarkdownRows = 50;

void render_findings_markdown(const FindingsDocument& doc, std::ostream& out);

// Text safe inside a Markdown table cell (no raw HTML, no column breaks).
std::string markdown_cell(std::string_view text);

}  // namespace ballast::report
