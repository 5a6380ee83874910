#include "tui/screen_text.h"

#include <curses.h>

#include <cwchar>
#include <string>

namespace ballast::tui {
namespace {

// The characters of `text` with their columns (a byte that does not decode: '?').
template <typename F>
void each_char(std::string_view text, F&& f) {
  std::mbstate_t st{};
  for (std::size_t i = 0; i < text.size();) {
    wchar_t wc = 0;
    const std::size_t n = std::mbrtowc(&wc, text.data() + i, text.size() - i, &st);
    if (n == 0 || n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2)) {
      st = std::mbstate_t{};
      f(L'?', 1);
      ++i;
      continue;
    }
    const int w = ::wcwidth(wc);
    f(wc, w < 0 ? 1 : w);
    i += n;
  }
}

}  // namespace

int text_width(std::string_view text) {
  int w = 0;
  each_char(text, [&](wchar_t, int cw) { w += cw; });
  return w;
}

void put_text(int y, int x, int width, std::string_view text) {
  if (width <= 0) return;
  const bool cut = text_width(text) > width;
  const int budget = cut ? width - 1 : width;
  std::wstring out;
  int used = 0;
  bool stopped = false;
  each_char(text, [&](wchar_t wc, int cw) {
    if (stopped || used + cw > budget) {
      stopped = true;  // nothing after a character that does not fit
      return;
    }
    out.push_back(cw == 0 && out.empty() ? L' ' : wc);  // never start on a combining mark
    used += cw == 0 && out.size() == 1 ? 1 : cw;
  });
  if (cut) {
    out.push_back(L'~');
    ++used;
  }
  for (; used < width; ++used) out.push_back(L' ');
  mvaddnwstr(y, x, out.c_str(), static_cast<int>(out.size()));
}

}  // namespace ballast::tui
