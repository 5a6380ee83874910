// `ballast diff --format html`: the diff as one self-contained page, with
// the HTML report's style sheet and escaping (analyze_html.h, html_escape.h)
// and no script: totals A / B / change, the layers B shares, adds and drops,
// the -d change tree as nested rows, packages, categories, files, config and
// the findings B adds or fixes (docs/diff.md#html). Every number is a real
// table cell whose exact value is also in data-bytes / data-delta, so the
// page reads without JavaScript, prints, and a test can compare it with
// `--format json`.
#pragma once

#include <cstddef>
#include <string>

namespace ballast::diff {
struct ImageDiff;
}

namespace ballast::report {

std::string render_diff_html(const diff::ImageDiff& diff, std::size_t top);

}  // namespace ballast::report
