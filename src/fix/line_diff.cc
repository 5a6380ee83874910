#include "fix/line_diff.h"

#include <algorithm>
#include <cstdint>

namespace ballast::fix {
namespace {

// The middle part (after the common prefix and suffix) is diffed with the
// textbook O(N*M) LCS table; beyond this many cells it is one replacement
// (a Dockerfile fix changes a few lines, never a whole large file).
constexpr std::size_t kMaxCells = 16u * 1024u * 1024u;

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    out.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

std::vector<DiffOp> diff_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::size_t n = a.size(), m = b.size();
  std::size_t pre = 0;
  while (pre < n && pre < m && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < n - pre && suf < m - pre && a[n - 1 - suf] == b[m - 1 - suf]) ++suf;
  std::size_t an = n - pre - suf, bm = m - pre - suf;

  std::vector<DiffOp> ops;
  auto eq = [&](std::size_t i, std::size_t j) {
    ops.push_back({DiffOp::Kind::kEqual, static_cast<int>(i + 1), static_cast<int>(j + 1)});
  };
  auto del = [&](std::size_t i) { ops.push_back({DiffOp::Kind::kDelete, static_cast<int>(i + 1), 0}); };
  auto ins = [&](std::size_t j) { ops.push_back({DiffOp::Kind::kInsert, 0, static_cast<int>(j + 1)}); };

  for (std::size_t k = 0; k < pre; ++k) eq(k, k);
  if ((an + 1) * (bm + 1) > kMaxCells) {
    for (std::size_t i = 0; i < an; ++i) del(pre + i);
    for (std::size_t j = 0; j < bm; ++j) ins(pre + j);
  } else {
    // lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..].
    std::vector<std::uint32_t> lcs((an + 1) * (bm + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (bm + 1) + j]; };
    for (std::size_t i = an; i-- > 0;) {
      for (std::size_t j = bm; j-- > 0;) {
        at(i, j) = a[pre + i] == b[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0, j = 0;
    while (i < an || j < bm) {
      if (i < an && j < bm && a[pre + i] == b[pre + j]) {
        eq(pre + i++, pre + j++);
      } else if (i < an && (j >= bm || at(i + 1, j) >= at(i, j + 1))) {
        del(pre + i++);
      } else {
        ins(pre + j++);
      }
    }
  }
  for (std::size_t k = 0; k < suf; ++k) eq(n - suf + k, m - suf + k);
  return ops;
}

namespace {

void emit_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  if (!line.empty() && line.back() == '\n') {
    out.append(line);
  } else {
    out.append(line);
    out += "\n\\ No newline at end of file\n";
  }
}

std::string range(int start, int count) {
  // GNU: "l" for one line, "l,n" otherwise; an empty side names the line before it.
  if (count == 1) return std::to_string(start);
  return std::to_string(count == 0 ? start - 1 : start) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_name,
                         std::string_view new_name, int context) {
  if (old_text == new_text) return {};
  auto a = split_lines(old_text);
  auto b = split_lines(new_text);
  auto ops = diff_lines(a, b);
  std::string out;
  out += "--- ";
  out.append(old_name);
  out += "\n+++ ";
  out.append(new_name);
  out += '\n';

  std::size_t k = 0;
  const std::size_t n = ops.size();
  while (k < n) {
    // The next change; a hunk starts `context` lines of equal before it.
    std::size_t first = k;
    while (first < n && ops[first].kind == DiffOp::Kind::kEqual) ++first;
    if (first == n) break;
    std::size_t start = first >= static_cast<std::size_t>(context) ? first - context : 0;
    if (start < k) start = k;
    // Extend while the gap of equal lines between changes is <= 2*context.
    std::size_t end = first;
    while (true) {
      while (end < n && ops[end].kind != DiffOp::Kind::kEqual) ++end;
      std::size_t gap = end;
      while (gap < n && ops[gap].kind == DiffOp::Kind::kEqual) ++gap;
      if (gap < n && gap - end <= static_cast<std::size_t>(2 * context)) {
        end = gap;
        continue;
      }
      end = std::min(n, end + context);
      break;
    }
    int old_start = 0, new_start = 0, old_count = 0, new_count = 0;
    // Starting lines: the first line of each side in the hunk (or the position).
    int next_old = 1, next_new = 1;
    for (std::size_t q = 0; q < start; ++q) {
      if (ops[q].kind != DiffOp::Kind::kInsert) next_old = ops[q].old_line + 1;
      if (ops[q].kind != DiffOp::Kind::kDelete) next_new = ops[q].new_line + 1;
    }
    old_start = next_old;
    new_start = next_new;
    for (std::size_t q = start; q < end; ++q) {
      if (ops[q].kind != DiffOp::Kind::kInsert) ++old_count;
      if (ops[q].kind != DiffOp::Kind::kDelete) ++new_count;
    }
    out += "@@ -" + range(old_start, old_count) + " +" + range(new_start, new_count) + " @@\n";
    for (std::size_t q = start; q < end; ++q) {
      const DiffOp& op = ops[q];
      switch (op.kind) {
        case DiffOp::Kind::kEqual: emit_line(out, ' ', a[op.old_line - 1]); break;
        case DiffOp::Kind::kDelete: emit_line(out, '-', a[op.old_line - 1]); break;
        case DiffOp::Kind::kInsert: emit_line(out, '+', b[op.new_line - 1]); break;
      }
    }
    k = end;
  }
  return out;
}

std::vector<int> line_origins(std::string_view old_text, std::string_view new_text) {
  auto a = split_lines(old_text);
  auto b = split_lines(new_text);
  auto ops = diff_lines(a, b);
  std::vector<int> origin(b.size() + 1, 0);
  int last_old = 0;
  std::vector<int> deleted;  // old lines of the current change, matched to its inserts in order
  std::size_t used = 0;
  for (const DiffOp& op : ops) {
    switch (op.kind) {
      case DiffOp::Kind::kEqual:
        origin[op.new_line] = op.old_line;
        last_old = op.old_line;
        deleted.clear();
        used = 0;
        break;
      case DiffOp::Kind::kDelete:
        deleted.push_back(op.old_line);
        break;
      case DiffOp::Kind::kInsert:
        origin[op.new_line] = used < deleted.size() ? deleted[used++] : std::max(last_old, 1);
        break;
    }
  }
  return origin;
}

}  // namespace ballast::fix
