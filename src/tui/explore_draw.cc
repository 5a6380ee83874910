#include "tui/explore_draw.h"

#include <curses.h>

#include <algorithm>
#include <string>
#include <vector>

#include "explore/path_filter.h"

namespace ballast::tui {
namespace {

using explore::Explorer;
using explore::Mark;
using explore::Pane;

bool g_color = false;
enum Pair { kAdded = 1, kModified, kRemoved, kFocus, kLost };

int pair(Pair p) { return g_color ? COLOR_PAIR(p) : 0; }

std::string pad_left(const std::string& s, std::size_t w) { return s.size() >= w ? s : std::string(w - s.size(), ' ') + s; }

// A pane's frame; the focused pane's title is bracketed (and bold), so
// focus shows without colour and in a plain capture of the screen.
void frame(const Box& b, const std::string& title, bool focused) {
  if (b.h < 2 || b.w < 2) return;
  ::attrset(focused ? (A_BOLD | pair(kFocus)) : A_NORMAL);
  mvaddch(b.y, b.x, ACS_ULCORNER);
  mvhline(b.y, b.x + 1, ACS_HLINE, b.w - 2);
  mvaddch(b.y, b.x + b.w - 1, ACS_URCORNER);
  mvvline(b.y + 1, b.x, ACS_VLINE, b.h - 2);
  mvvline(b.y + 1, b.x + b.w - 1, ACS_VLINE, b.h - 2);
  mvaddch(b.y + b.h - 1, b.x, ACS_LLCORNER);
  mvhline(b.y + b.h - 1, b.x + 1, ACS_HLINE, b.w - 2);
  mvaddch(b.y + b.h - 1, b.x + b.w - 1, ACS_LRCORNER);
  const std::string t = focused ? "[" + title + "]" : " " + title + " ";
  put_text(b.y, b.x + 2, std::min(text_width(t), b.w - 4), t);
  ::attrset(A_NORMAL);
}

// One row inside a pane: '>' marks the cursor in every pane (the focused
// one also in reverse video).
void row(const Box& b, int i, bool cursor, bool focused, const std::string& text, int attr = A_NORMAL) {
  ::attrset(cursor && focused ? A_REVERSE : attr);
  put_text(b.first_row() + i, b.x + 1, b.w - 2, (cursor ? ">" : " ") + text);
  ::attrset(A_NORMAL);
}

void header(const Box& b, const std::string& text) {
  ::attrset(A_BOLD);
  put_text(b.y + 1, b.x + 1, b.w - 2, " " + text);
  ::attrset(A_NORMAL);
}

void draw_layers(Explorer& m, const Box& b) {
  const bool focused = m.focus() == Pane::kLayers;
  frame(b, "Layers", focused);
  std::size_t sw = 4, rw = 8;
  for (const auto& l : m.layers()) {
    sw = std::max(sw, m.format(l.bytes).size());
    rw = std::max(rw, m.format(l.reclaimable).size());
  }
  header(b, "  # " + pad_left("Size", sw) + " " + pad_left("Reclaim.", rw) + "  Instruction");
  const std::size_t top = m.top(Pane::kLayers), cur = m.cursor(Pane::kLayers);
  for (int i = 0; i < b.rows() && top + i < m.layers().size(); ++i) {
    const auto& l = m.layers()[top + i];
    const std::string idx = l.index < 0 ? "all" : std::to_string(l.index);
    row(b, i, top + i == cur, focused,
        pad_left(idx, 3) + " " + pad_left(m.format(l.bytes), sw) + " " + pad_left(m.format(l.reclaimable), rw) + "  " +
            explore::display_text(l.instruction),
        l.index < 0 ? A_BOLD : A_NORMAL);
  }
}

void draw_tree(Explorer& m, const Box& b) {
  const bool focused = m.focus() == Pane::kTree;
  const auto& t = m.tree();
  std::string title = m.view() < 0 ? "Files: final filesystem" : "Files: layer " + std::to_string(m.view());
  title += m.sort() == explore::SortBy::kSize ? ", by size" : ", by name";
  frame(b, title, focused);
  const auto& rows = m.rows();
  const std::size_t top = m.top(Pane::kTree), cur = m.cursor(Pane::kTree);
  auto shown = [&](std::uint32_t id) {
    const auto& n = t.node(id);
    return m.format(n.mark == Mark::kRemoved ? n.hidden : n.bytes);
  };
  std::size_t sw = 4;
  for (int i = 0; i < b.rows() && top + i < rows.size(); ++i) sw = std::max(sw, shown(rows[top + i]).size());
  const bool final_view = m.view() < 0;
  header(b, std::string(final_view ? "" : "  ") + pad_left("Size", sw) + (final_view ? "  Lyr" : "") + "  Path");
  for (int i = 0; i < b.rows() && top + i < rows.size(); ++i) {
    const std::uint32_t id = rows[top + i];
    const auto& n = t.node(id);
    std::string text;
    if (!final_view) text += std::string(1, explore::mark_letter(n.mark)) + " ";
    text += pad_left(shown(id), sw);
    if (final_view) text += "  " + pad_left(n.directory || n.layer < 0 ? "" : std::to_string(n.layer), 3);
    text += "  " + std::string(2 * n.depth, ' ');
    text += n.directory ? (m.is_open(id) ? "- " : "+ ") : "  ";
    text += id == explore::FileTree::root() ? "/" : explore::display_text(n.name) + (n.directory ? "/" : "");
    if (n.mark == Mark::kRemoved) text += "  (deleted)";
    int attr = A_NORMAL;
    if (n.mark == Mark::kAdded) attr = pair(kAdded);
    else if (n.mark == Mark::kModified) attr = pair(kModified);
    else if (n.mark == Mark::kRemoved) attr = pair(kRemoved);
    if (n.directory) attr |= A_BOLD;
    row(b, i, top + i == cur, focused, text, attr);
  }
}

void draw_findings(Explorer& m, const Box& b) {
  const bool focused = m.focus() == Pane::kFindings;
  frame(b, "Findings", focused);
  const auto& f = m.findings();
  if (f.empty()) {
    header(b, m.totals().has_findings ? "no waste found" : "none (analysis without attribution)");
    return;
  }
  std::size_t sw = 5;
  for (const auto& x : f) sw = std::max(sw, m.format(x.bytes_saved).size());
  header(b, pad_left("Saves", sw) + "  Finding");
  const std::size_t top = m.top(Pane::kFindings), cur = m.cursor(Pane::kFindings);
  for (int i = 0; i < b.rows() && top + i < f.size(); ++i) {
    const auto& x = f[top + i];
    row(b, i, top + i == cur, focused, pad_left(m.format(x.bytes_saved), sw) + "  " + explore::display_text(x.id) + "  " +
                                           explore::display_text(x.message));
  }
}

void draw_packages(Explorer& m, const Box& b) {
  const bool focused = m.focus() == Pane::kPackages;
  frame(b, "Packages", focused);
  const auto& p = m.packages();
  if (p.empty()) {
    header(b, m.totals().attributed ? "no package database in the image" : "none (analysis without attribution)");
    return;
  }
  std::size_t sw = 6;
  for (const auto& x : p) sw = std::max(sw, m.format(x.stored_bytes).size());
  header(b, pad_left("Stored", sw) + "  Package");
  const std::size_t top = m.top(Pane::kPackages), cur = m.cursor(Pane::kPackages);
  for (int i = 0; i < b.rows() && top + i < p.size(); ++i) {
    const auto& x = p[top + i];
    row(b, i, top + i == cur, focused,
        pad_left(m.format(x.stored_bytes), sw) + "  " + explore::display_text(x.label) + " " + explore::display_text(x.version));
  }
}

// The line about what is under the cursor of the focused pane.
std::string detail(Explorer& m) {
  switch (m.focus()) {
    case Pane::kTree: {
      const std::uint32_t id = m.cursor_node();
      const auto& n = m.tree().node(id);
      std::string s = explore::display_text(m.tree().path(id)) + "  " + std::to_string(n.bytes) + " bytes";
      if (n.directory) s += ", " + std::to_string(n.files) + " files";
      if (n.mark == Mark::kRemoved) s += ", deletes " + std::to_string(n.hidden) + " bytes below";
      if (!n.directory && n.layer >= 0 && static_cast<std::size_t>(n.layer + 1) < m.layers().size())
        s += "  layer " + std::to_string(n.layer) + ": " + explore::display_text(m.layers()[n.layer + 1].instruction);
      if (!n.directory && n.package >= 0) s += "  " + explore::display_text(m.package_label(n.package));
      if (!n.directory && n.category >= 0 && static_cast<std::size_t>(n.category) < m.categories().size())
        s += "  [" + m.categories()[n.category] + "]";
      return s;
    }
    case Pane::kLayers: {
      const auto& l = m.layers()[m.cursor(Pane::kLayers)];
      if (l.index < 0) return "all layers merged: " + std::to_string(l.files) + " entries, " + std::to_string(l.bytes) + " bytes";
      return "layer " + std::to_string(l.index) + ": " + std::to_string(l.files) + " files, " + std::to_string(l.bytes) +
             " bytes  " + explore::display_text(l.created_by);
    }
    case Pane::kFindings: {
      if (m.findings().empty()) return "";
      const auto& f = m.findings()[m.cursor(Pane::kFindings)];
      return f.severity + " " + explore::display_text(f.id) + ": " + explore::display_text(f.message) + "  fix: " +
             explore::display_text(f.fix);
    }
    case Pane::kPackages: {
      if (m.packages().empty()) return "";
      const auto& p = m.packages()[m.cursor(Pane::kPackages)];
      return explore::display_text(p.label) + " " + explore::display_text(p.version) + ": " + std::to_string(p.stored_bytes) +
             " bytes stored, " + std::to_string(p.final_bytes) + " final, " + std::to_string(p.files) + " files";
    }
  }
  return "";
}

const char* const kHelp[] = {
    "Keys",
    "",
    "Up Down   k j     move            PgUp PgDn  Ctrl-b Ctrl-f  page",
    "Home End  g G     first, last     Tab Shift-Tab  next, previous pane",
    "Right     l       open directory  Left  h   close, or go to parent",
    "Enter     Space   open or close; on a layer: its files;",
    "                  on a finding or a package: only its files",
    "e                 open all below  c   close all",
    "/                 filter by a glob (* ? [ ]) or text of the path",
    ">                 only files of at least a size (10M, 1.5GiB)",
    "x         Esc     clear filters   s   sort by size or name",
    "b                 exact bytes     mouse: click, wheel",
    "?                 this help (any key closes it)   q   quit",
    "",
    "A layer's files: A added, M modified, R removed (deleted below).",
};

void draw_help(const Layout& l) {
  const int n = static_cast<int>(sizeof kHelp / sizeof kHelp[0]);
  const int w = std::min(l.width - 2, 78), h = std::min(LINES - 2, n + 2);
  const Box b{std::max(0, (LINES - h) / 2), std::max(0, (l.width - w) / 2), h, w};
  for (int y = 0; y < b.h; ++y) put_text(b.y + y, b.x, b.w, "");
  frame(b, "Help", true);
  for (int i = 0; i < n && i < b.h - 2; ++i) put_text(b.y + 1 + i, b.x + 2, b.w - 4, kHelp[i]);
}

}  // namespace

void init_colors() {
  ::start_color();
  ::use_default_colors();
  ::init_pair(kAdded, COLOR_GREEN, -1);
  ::init_pair(kModified, COLOR_YELLOW, -1);
  ::init_pair(kRemoved, COLOR_RED, -1);
  ::init_pair(kFocus, COLOR_CYAN, -1);
  ::init_pair(kLost, COLOR_RED, -1);
  g_color = true;
}

Layout draw(Explorer& m) {
  ::erase();
  const Layout l = layout_for(LINES, COLS);
  if (l.too_small) {
    put_text(0, 0, COLS, "ballast explore needs " + std::to_string(kMinWidth) + "x" + std::to_string(kMinHeight) +
                             " (this terminal: " + std::to_string(COLS) + "x" + std::to_string(LINES) + "); q quits");
    return l;
  }
  for (int p = 0; p < explore::kPaneCount; ++p) m.set_page(static_cast<Pane>(p), static_cast<std::size_t>(l.panes[p].rows()));
  const auto& t = m.totals();
  std::string title = " ballast explore  " + explore::display_text(t.image) + "   stored " + m.format(t.stored_bytes) +
                      "  final " + m.format(t.final_bytes) + "  reclaimable " + m.format(t.reclaimable_bytes);
  if (t.has_findings) title += "  findings save " + m.format(t.savings);
  ::attrset(A_REVERSE);
  put_text(0, 0, l.width, title);
  ::attrset(A_NORMAL);
  draw_layers(m, l.panes[static_cast<int>(Pane::kLayers)]);
  draw_tree(m, l.panes[static_cast<int>(Pane::kTree)]);
  draw_findings(m, l.panes[static_cast<int>(Pane::kFindings)]);
  draw_packages(m, l.panes[static_cast<int>(Pane::kPackages)]);
  ::attrset(A_DIM);
  put_text(l.detail_y, 0, l.width, detail(m));
  std::string keys;
  int attr = A_NORMAL;
  if (!m.message().empty()) {
    keys = m.message();
    attr = A_BOLD;
  } else {
    if (m.filtering())
      keys = "filter: " + explore::display_text(m.filter_label()) + ": " + std::to_string(m.matched_files()) + " files, " +
             m.format(m.matched_bytes()) + " (x clears)   ";
    keys += "Tab pane  Enter open  / filter  > size  s sort  b bytes  ? help  q quit";
  }
  ::attrset(attr);
  put_text(l.keys_y, 0, l.width, keys);
  ::attrset(A_NORMAL);
  if (m.help()) draw_help(l);
  return l;
}

}  // namespace ballast::tui
