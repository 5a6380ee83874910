#include "tui/explore_tui.h"

#include <curses.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <optional>
#include <string>

#include "tui/explore_draw.h"
#include "tui/layout.h"
#include "tui/screen_text.h"
#include "util/byte_size.h"
#include "util/error.h"

namespace ballast::tui {
namespace {

using explore::Action;
using explore::Pane;

constexpr int ctrl(char c) { return c & 0x1f; }

// Keys to actions (docs/explore.md#keys); -1: not an action key.
int action_of(int ch) {
  switch (ch) {
    case KEY_UP: case 'k': return static_cast<int>(Action::kUp);
    case KEY_DOWN: case 'j': return static_cast<int>(Action::kDown);
    case KEY_LEFT: case 'h': return static_cast<int>(Action::kLeft);
    case KEY_RIGHT: case 'l': return static_cast<int>(Action::kRight);
    case KEY_PPAGE: case ctrl('b'): case ctrl('u'): return static_cast<int>(Action::kPageUp);
    case KEY_NPAGE: case ctrl('f'): case ctrl('d'): return static_cast<int>(Action::kPageDown);
    case KEY_HOME: case 'g': return static_cast<int>(Action::kHome);
    case KEY_END: case 'G': return static_cast<int>(Action::kEnd);
    case '\n': case '\r': case KEY_ENTER: case ' ': return static_cast<int>(Action::kActivate);
    case '\t': return static_cast<int>(Action::kNextPane);
    case KEY_BTAB: return static_cast<int>(Action::kPrevPane);
    case 's': return static_cast<int>(Action::kSort);
    case '?': return static_cast<int>(Action::kHelp);
    case 'b': return static_cast<int>(Action::kExactBytes);
    case 'e': return static_cast<int>(Action::kExpandAll);
    case 'c': return static_cast<int>(Action::kCollapseAll);
    case 'x': case 27: return static_cast<int>(Action::kClearFilter);
    default: return -1;
  }
}

// ncurses on, and off again however the loop ends.
class Screen {
 public:
  explicit Screen(bool color) {
    std::setlocale(LC_ALL, "");
    screen_ = ::newterm(nullptr, stdout, stdin);
    if (!screen_) {
      const char* term = std::getenv("TERM");
      throw InputError(std::string("explore: cannot drive terminal type '") + (term ? term : "") + "'");
    }
    ::set_term(screen_);
    ::raw();  // Ctrl-C arrives as a key, so quitting always restores the terminal
    ::noecho();
    ::nonl();
    ::keypad(stdscr, TRUE);
    ::curs_set(0);
    ::set_escdelay(25);
    ::mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, nullptr);
    ::mouseinterval(0);
    if (color && ::has_colors()) init_colors();
  }
  ~Screen() {
    ::endwin();
    ::delscreen(screen_);
  }
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;

 private:
  SCREEN* screen_ = nullptr;
};

// A line typed at the bottom of the screen: Enter accepts, Esc cancels
// (nullopt); a resize redraws under it.
std::optional<std::string> prompt(explore::Explorer& model, const std::string& label, std::string text) {
  ::curs_set(1);
  for (;;) {
    const Layout l = draw(model);
    ::attrset(A_BOLD);
    put_text(l.keys_y, 0, COLS, label + text);
    ::move(l.keys_y, std::min(COLS - 1, text_width(label + text)));
    ::refresh();
    const int ch = ::getch();
    if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) break;
    if (ch == 27) {
      ::curs_set(0);
      return std::nullopt;
    }
    if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
      while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
      if (!text.empty()) text.pop_back();
    } else if (ch == ctrl('u')) {
      text.clear();
    } else if (ch >= 0x20 && ch < 0x100 && ch != 0x7f) {
      text.push_back(static_cast<char>(ch));
    }
  }
  ::curs_set(0);
  return text;
}

void on_mouse(explore::Explorer& model) {
  MEVENT ev;
  if (::getmouse(&ev) != OK) return;
  const Layout l = layout_for(LINES, COLS);
  if (l.too_small) return;
  for (int p = 0; p < explore::kPaneCount; ++p) {
    const Box& b = l.panes[p];
    if (!b.contains(ev.y, ev.x)) continue;
    if (ev.bstate & BUTTON4_PRESSED) model.wheel(static_cast<Pane>(p), -3);
    else if (ev.bstate & BUTTON5_PRESSED) model.wheel(static_cast<Pane>(p), 3);
    else if (ev.y >= b.first_row() && ev.y < b.first_row() + b.rows())
      model.click(static_cast<Pane>(p), static_cast<std::size_t>(ev.y - b.first_row()));
    else model.select(static_cast<Pane>(p), model.cursor(static_cast<Pane>(p)));
    return;
  }
}

}  // namespace

void run_explore(explore::Explorer& model, const TuiOptions& options) {
  Screen screen(options.color);
  for (;;) {
    draw(model);
    ::refresh();
    const int ch = ::getch();
    if (ch == 'q' || ch == 'Q' || ch == ctrl('c')) return;
    if (ch == KEY_RESIZE || ch == ERR) continue;  // the next draw lays out the new size
    if (ch == KEY_MOUSE) {
      on_mouse(model);
    } else if (ch == '/' && !model.help()) {
      if (auto text = prompt(model, "filter (glob with * ? [ ], or text; empty clears): ", ""))
        model.set_pattern(*text);
    } else if (ch == '>' && !model.help()) {
      if (auto text = prompt(model, "only files of at least (10M, 1.5GiB, bytes; empty clears): ", "")) {
        if (text->empty()) model.set_min_bytes(0);
        else if (auto n = parse_byte_size(*text)) model.set_min_bytes(*n);
        else model.note("not a size: " + *text + " (try 10M, 1.5GiB or a byte count)");
      }
    } else if (const int a = action_of(ch); a >= 0) {
      model.apply(static_cast<Action>(a));
    } else if (model.help()) {
      model.apply(Action::kHelp);  // any other key closes the help
    }
  }
}

}  // namespace ballast::tui
