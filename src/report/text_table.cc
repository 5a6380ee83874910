#include "report/text_table.h"

#include <algorithm>

namespace ballast::report {
namespace {

// Display width: count UTF-8 lead bytes, not bytes.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string TextTable::render(const std::string& indent) const {
  std::vector<std::size_t> widths(columns_.size(), 0);
  for (std::size_t c = 0; c < columns_.size(); ++c) widths[c] = width(columns_[c].header);
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], width(row[c]));

  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = indent;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const bool last = c + 1 == columns_.size();
      std::size_t pad = widths[c] - width(cell);
      if (columns_[c].align == Align::kRight) out.append(pad, ' ');
      out += cell;
      if (!last) {
        if (columns_[c].align == Align::kLeft) out.append(pad, ' ');
        out += "  ";
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::vector<std::string> header;
  for (const auto& c : columns_) header.push_back(c.header);
  std::string out = line(header);
  for (const auto& row : rows_) out += line(row);
  return out;
}

}  // namespace ballast::report
