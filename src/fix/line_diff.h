// A line diff (longest common subsequence over lines) and its unified-diff
// rendering, as GNU diff -u and git print it: `---`/`+++` headers, hunks
// with 3 lines of context, `@@ -a,b +c,d @@` (",1" left out, an empty side
// starts at the line before), "\ No newline at end of file" when a side's
// last line has no ending. Lines keep their "\r" so a CRLF file's patch
// applies to it as it is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ballast::fix {

struct DiffOp {
  enum class Kind { kEqual, kDelete, kInsert };
  Kind kind = Kind::kEqual;
  int old_line = 0;  // 1-based, in the old text (kEqual, kDelete)
  int new_line = 0;  // 1-based, in the new text (kEqual, kInsert)
};

// Lines with their endings ("a\n", "b\r\n", "last").
std::vector<std::string_view> split_lines(std::string_view text);

// Every line of both sides once, in order: deletes before inserts in a change.
std::vector<DiffOp> diff_lines(const std::vector<std::string_view>& old_lines,
                               const std::vector<std::string_view>& new_lines);

// "" when the texts are equal.
std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                         std::string_view new_name, int context = 3);

// For each line of `new_text` (1-based index; [0] unused), the line of
// `old_text` it came from: itself when unchanged, else the old line at the
// same place in its change (or the last old line before it).
std::vector<int> line_origins(std::string_view old_text, std::string_view new_text);

}  // namespace ballast::fix
