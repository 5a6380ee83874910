#include "explore/explorer.h"

#include <algorithm>

#include "analysis/analyze_report.h"
#include "explore/layer_items.h"
#include "image/created_by.h"
#include "report/findings_order.h"
#include "report/fs_tree_items.h"
#include "util/human_bytes.h"

namespace ballast::explore {

std::string_view pane_name(Pane p) {
  switch (p) {
    case Pane::kLayers: return "Layers";
    case Pane::kTree: return "Files";
    case Pane::kFindings: return "Findings";
    case Pane::kPackages: return "Packages";
  }
  return "";
}

Explorer::Explorer(const analysis::AnalyzeReport& r) {
  const image::ImageModel& m = r.image;
  totals_.image = m.name.empty() ? m.description : m.name;
  totals_.stored_bytes = m.stored_bytes;
  totals_.final_bytes = m.final_bytes;
  totals_.reclaimable_bytes = m.reclaimable_bytes;
  totals_.has_findings = r.has_findings;
  totals_.savings = r.has_findings ? r.waste.total_saving : 0;
  totals_.attributed = r.attributed;

  layers_.push_back({-1, m.final_bytes, m.reclaimable_bytes, m.final_files.size(), "(the final filesystem)", ""});
  for (const auto& l : m.layers) {
    LayerRow row{l.index, l.files_size, l.reclaimable, l.file_count, "", ""};
    if (l.history_index >= 0) {
      row.created_by = m.history[l.history_index].entry.created_by;
      row.instruction = image::instruction_from_created_by(row.created_by);
    }
    layers_.push_back(std::move(row));
  }
  if (r.has_findings)
    for (const model::Finding* f : report::order_for_display(r.waste.findings)) {
      FindingRow row{f->id, std::string(model::to_string(f->severity)), f->message, f->fix, f->bytes_saved, f->paths, f->layers};
      // A duplicate set is one "a = b = c" entry: each copy is a path to show.
      for (const auto& p : f->paths)
        for (std::size_t at = 0, eq; at < p.size(); at = eq + 3) {
          eq = p.find(" = ", at);
          if (eq == std::string::npos) {
            if (at > 0) row.paths.push_back(p.substr(at));
            break;
          }
          row.paths.push_back(p.substr(at, eq - at));
        }
      findings_.push_back(std::move(row));
    }
  if (r.attributed) {
    categories_ = r.attribution.categories->names();
    for (const auto& p : r.attribution.packages) package_labels_.push_back(p.label);
    for (std::uint32_t i : r.packages_by_size) {
      const auto& p = r.attribution.packages[i];
      packages_.push_back({p.label, p.info.version, p.stored_bytes, p.final_bytes, p.files, static_cast<std::int32_t>(i)});
    }
  }

  trees_.push_back(FileTree::from_items(report::final_tree_items(r)));
  for (const auto& items : layer_items(r)) trees_.push_back(FileTree::from_marked(items));
  states_.resize(trees_.size());
  for (std::size_t t = 0; t < trees_.size(); ++t) {
    states_[t].open.assign(trees_[t].size(), 0);
    states_[t].open[FileTree::root()] = 1;
  }
  cursors_[static_cast<int>(Pane::kLayers)] = 0;
}

const std::string& Explorer::package_label(std::int32_t index) const {
  static const std::string none;
  return index < 0 || static_cast<std::size_t>(index) >= package_labels_.size() ? none : package_labels_[index];
}

std::string Explorer::format(std::uint64_t bytes) const { return format_bytes(bytes, exact_); }

bool Explorer::filtering() const { return filter_.kind != Focus::kNone || min_bytes_ > 0; }

std::string Explorer::filter_label() const {
  std::string out = filter_.label;
  if (min_bytes_ > 0) out += (out.empty() ? "" : ", ") + std::string("files >= ") + format(min_bytes_);
  return out;
}

std::uint64_t Explorer::matched_files() const {
  update();
  return state().matched_files;
}

std::uint64_t Explorer::matched_bytes() const {
  update();
  return state().matched_bytes;
}

const std::vector<std::uint32_t>& Explorer::rows() const {
  update();
  return state().rows;
}

bool Explorer::is_open(std::uint32_t node) const { return state().open[node] != 0; }

std::size_t Explorer::row_count(Pane p) const {
  switch (p) {
    case Pane::kLayers: return layers_.size();
    case Pane::kTree: return rows().size();
    case Pane::kFindings: return findings_.size();
    case Pane::kPackages: return packages_.size();
  }
  return 0;
}

std::size_t Explorer::cursor(Pane p) const {
  if (p == Pane::kTree) {
    update();
    return state().cursor;
  }
  return cursors_[static_cast<int>(p)];
}

std::size_t Explorer::top(Pane p) const {
  if (p == Pane::kTree) {
    update();
    return state().top;
  }
  return tops_[static_cast<int>(p)];
}

std::uint32_t Explorer::cursor_node() const {
  const auto& r = rows();
  return r.empty() ? FileTree::root() : r[std::min(state().cursor, r.size() - 1)];
}

void Explorer::update() const {
  const std::size_t t = tree_index();
  TreeState& st = states_[t];
  if (st.filter_gen != filter_gen_) {
    compute_pass(t);
    const FileTree& tree = trees_[t];
    if (filtering()) {
      // What passes is shown opened out; the user may close it again.
      for (std::uint32_t id = 0; id < tree.size(); ++id)
        if (tree.node(id).directory) st.open[id] = st.pass[id];
    } else {
      std::fill(st.open.begin(), st.open.end(), 0);
      st.open[FileTree::root()] = 1;
      // Keep the cursor's node in sight when the filter goes.
      if (!st.rows.empty())
        for (std::uint32_t n = tree.node(st.rows[std::min(st.cursor, st.rows.size() - 1)]).parent; n != kNoNode;
             n = tree.node(n).parent)
          st.open[n] = 1;
    }
    st.filter_gen = filter_gen_;
    st.dirty = true;
  }
  if (st.sort_gen != sort_gen_) {
    st.sort_gen = sort_gen_;
    st.dirty = true;
  }
  if (st.dirty) rebuild_rows(t);
}

void Explorer::compute_pass(std::size_t t) const {
  const FileTree& tree = trees_[t];
  TreeState& st = states_[t];
  st.matched_files = st.matched_bytes = 0;
  if (!filtering()) {
    st.pass.assign(tree.size(), 1);
    return;
  }
  st.pass.assign(tree.size(), 0);
  std::vector<char> hit;
  if (filter_.kind == Focus::kPaths) {
    hit.assign(tree.size(), 0);
    for (const auto& p : filter_.paths)
      if (auto id = tree.find(p); id != kNoNode) hit[id] = 1;
  }
  std::string path;
  // Depth-first; `inherited`: an ancestor matched (a matching directory
  // brings everything below it).
  auto visit = [&](auto&& self, std::uint32_t id, bool inherited) -> bool {
    const Node& n = tree.node(id);
    const std::size_t len = path.size();
    if (id != FileTree::root()) path.append("/").append(n.name);
    bool m = inherited;
    if (!m) switch (filter_.kind) {
        case Focus::kNone: m = true; break;
        case Focus::kPattern: m = id != FileTree::root() && filter_.pattern.matches(path); break;
        case Focus::kPaths: m = hit[id] != 0; break;
        case Focus::kPackage: m = !n.directory && n.package == filter_.package; break;
      }
    bool pass = false;
    if (n.directory) {
      for (std::uint32_t c : n.by_size) pass = self(self, c, m) || pass;
      if (n.by_size.empty() && m && min_bytes_ == 0) pass = true;
    } else {
      const std::uint64_t weight = n.mark == Mark::kRemoved ? n.hidden : n.bytes;
      pass = m && weight >= min_bytes_;
      if (pass) {
        ++st.matched_files;
        st.matched_bytes += n.bytes;
      }
    }
    path.resize(len);
    st.pass[id] = pass;
    return pass;
  };
  visit(visit, FileTree::root(), false);
  st.pass[FileTree::root()] = 1;
}

void Explorer::rebuild_rows(std::size_t t) const {
  const FileTree& tree = trees_[t];
  TreeState& st = states_[t];
  const std::uint32_t was = st.rows.empty() ? FileTree::root() : st.rows[std::min(st.cursor, st.rows.size() - 1)];
  st.rows.clear();
  std::vector<std::uint32_t> stack{FileTree::root()};
  while (!stack.empty()) {
    const std::uint32_t id = stack.back();
    stack.pop_back();
    st.rows.push_back(id);
    const Node& n = tree.node(id);
    if (!n.directory || !st.open[id]) continue;
    const auto& kids = sort_ == SortBy::kSize ? n.by_size : n.by_name;
    for (auto it = kids.rbegin(); it != kids.rend(); ++it)
      if (st.pass[*it]) stack.push_back(*it);
  }
  st.dirty = false;
  // The cursor stays on its node, or on the nearest ancestor still shown.
  std::size_t at = 0;
  for (std::uint32_t n = was; n != kNoNode; n = tree.node(n).parent) {
    auto it = std::find(st.rows.begin(), st.rows.end(), n);
    if (it != st.rows.end()) {
      at = static_cast<std::size_t>(it - st.rows.begin());
      break;
    }
  }
  st.cursor = at;
  const std::size_t page = std::max<std::size_t>(1, pages_[static_cast<int>(Pane::kTree)]);
  if (st.cursor < st.top) st.top = st.cursor;
  if (st.cursor >= st.top + page) st.top = st.cursor - page + 1;
  if (st.top + page > st.rows.size()) st.top = st.rows.size() > page ? st.rows.size() - page : 0;
}

void Explorer::set_page(Pane p, std::size_t rows) {
  pages_[static_cast<int>(p)] = std::max<std::size_t>(1, rows);
  set_cursor(p, cursor(p));  // keep it on screen
}

void Explorer::set_cursor(Pane p, std::size_t row) {
  const std::size_t count = row_count(p);
  row = count == 0 ? 0 : std::min(row, count - 1);
  const std::size_t page = std::max<std::size_t>(1, pages_[static_cast<int>(p)]);
  std::size_t& top = p == Pane::kTree ? state().top : tops_[static_cast<int>(p)];
  if (p == Pane::kTree) state().cursor = row;
  else cursors_[static_cast<int>(p)] = row;
  if (row < top) top = row;
  if (row >= top + page) top = row - page + 1;
  if (top + page > count) top = count > page ? count - page : 0;
  if (p == Pane::kLayers && count > 0) view_ = static_cast<int>(row) - 1;
}

void Explorer::move_cursor(Pane p, long delta) {
  const long count = static_cast<long>(row_count(p));
  if (count == 0) return;
  const long to = std::clamp(static_cast<long>(cursor(p)) + delta, 0L, count - 1);
  set_cursor(p, static_cast<std::size_t>(to));
}

void Explorer::set_view(int view) { set_cursor(Pane::kLayers, static_cast<std::size_t>(view + 1)); }

void Explorer::filter_changed() {
  ++filter_gen_;
  update();
  // The cursor goes to the first file that passes (the biggest, by default).
  if (!filtering()) return;
  const auto& r = state().rows;
  for (std::size_t i = 0; i < r.size(); ++i)
    if (!tree().node(r[i]).directory) {
      set_cursor(Pane::kTree, i);
      return;
    }
}

void Explorer::set_pattern(std::string pattern) {
  if (pattern.empty()) filter_ = Focus{};
  else {
    filter_ = Focus{};
    filter_.kind = Focus::kPattern;
    filter_.pattern = PathFilter(pattern);
    filter_.label = (filter_.pattern.glob() ? "glob " : "contains ") + pattern;
  }
  filter_changed();
}

void Explorer::set_min_bytes(std::uint64_t n) {
  min_bytes_ = n;
  filter_changed();
}

void Explorer::set_open_subtree(std::uint32_t node, bool open) {
  const FileTree& t = tree();
  std::vector<std::uint32_t> stack{node};
  while (!stack.empty()) {
    const std::uint32_t id = stack.back();
    stack.pop_back();
    if (!t.node(id).directory) continue;
    state().open[id] = open;
    for (std::uint32_t c : t.node(id).by_size) stack.push_back(c);
  }
  state().dirty = true;
}

void Explorer::open_finding(std::size_t i) {
  if (i >= findings_.size()) return;
  const FindingRow& f = findings_[i];
  auto found_in = [&](int view) {
    for (const auto& p : f.paths)
      if (trees_[static_cast<std::size_t>(view + 1)].find(p) != kNoNode) return true;
    return false;
  };
  // The final filesystem when it holds one of the paths, else the layers the finding names, else any.
  std::optional<int> view;
  if (found_in(-1)) view = -1;
  for (int l : f.layers)
    if (!view && l >= 0 && static_cast<std::size_t>(l) + 1 < trees_.size() && found_in(l)) view = l;
  for (int l = 0; !view && static_cast<std::size_t>(l) + 1 < trees_.size(); ++l)
    if (found_in(l)) view = l;
  if (!view) {
    message_ = f.paths.empty() ? f.id + " names no path" : "no path of " + f.id + " is in a layer";
    return;
  }
  filter_ = Focus{};
  filter_.kind = Focus::kPaths;
  filter_.paths = f.paths;
  filter_.label = "finding " + f.id;
  set_view(*view);
  focus_ = Pane::kTree;
  filter_changed();
  for (const auto& p : f.paths)
    if (auto id = tree().find(p); id != kNoNode) {
      const auto& r = rows();
      if (auto it = std::find(r.begin(), r.end(), id); it != r.end()) set_cursor(Pane::kTree, static_cast<std::size_t>(it - r.begin()));
      break;
    }
}

void Explorer::open_package(std::size_t i) {
  if (i >= packages_.size()) return;
  filter_ = Focus{};
  filter_.kind = Focus::kPackage;
  filter_.package = packages_[i].index;
  filter_.label = "package " + packages_[i].label;
  set_view(-1);
  focus_ = Pane::kTree;
  filter_changed();
  if (matched_files() == 0) message_ = packages_[i].label + " has no file in the final filesystem";
}

void Explorer::activate() {
  switch (focus_) {
    case Pane::kTree: {
      const std::uint32_t n = cursor_node();
      if (tree().node(n).directory) {
        state().open[n] = !state().open[n];
        state().dirty = true;
      }
      break;
    }
    case Pane::kLayers: focus_ = Pane::kTree; break;
    case Pane::kFindings: open_finding(cursor(Pane::kFindings)); break;
    case Pane::kPackages: open_package(cursor(Pane::kPackages)); break;
  }
}

bool Explorer::reveal(std::string_view path) {
  const std::uint32_t id = tree().find(path);
  if (id == kNoNode) return false;
  update();
  if (!state().pass[id]) return false;
  for (std::uint32_t n = tree().node(id).parent; n != kNoNode; n = tree().node(n).parent) state().open[n] = 1;
  state().dirty = true;
  const auto& r = rows();
  auto it = std::find(r.begin(), r.end(), id);
  set_cursor(Pane::kTree, static_cast<std::size_t>(it - r.begin()));
  focus_ = Pane::kTree;
  return true;
}

void Explorer::click(Pane p, std::size_t row) {
  const std::size_t at = top(p) + row;
  if (at >= row_count(p)) {
    focus_ = p;
    return;
  }
  if (focus_ == p && cursor(p) == at) {
    activate();
    return;
  }
  focus_ = p;
  set_cursor(p, at);
}

void Explorer::wheel(Pane p, int delta) { move_cursor(p, delta); }

void Explorer::select(Pane p, std::size_t row) {
  focus_ = p;
  set_cursor(p, row);
}

void Explorer::apply(Action a) {
  message_.clear();
  if (help_) {  // any key closes the help
    help_ = false;
    return;
  }
  const long page = static_cast<long>(std::max<std::size_t>(1, pages_[static_cast<int>(focus_)]));
  switch (a) {
    case Action::kUp: move_cursor(focus_, -1); break;
    case Action::kDown: move_cursor(focus_, 1); break;
    case Action::kPageUp: move_cursor(focus_, -page); break;
    case Action::kPageDown: move_cursor(focus_, page); break;
    case Action::kHome: set_cursor(focus_, 0); break;
    case Action::kEnd: set_cursor(focus_, row_count(focus_) == 0 ? 0 : row_count(focus_) - 1); break;
    case Action::kLeft: {
      if (focus_ != Pane::kTree) break;
      const std::uint32_t n = cursor_node();
      if (tree().node(n).directory && state().open[n] && n != FileTree::root()) {
        state().open[n] = 0;
        state().dirty = true;
      } else if (const std::uint32_t up = tree().node(n).parent; up != kNoNode) {
        const auto& r = rows();
        auto it = std::find(r.begin(), r.end(), up);
        if (it != r.end()) set_cursor(Pane::kTree, static_cast<std::size_t>(it - r.begin()));
      }
      break;
    }
    case Action::kRight: {
      if (focus_ != Pane::kTree) break;
      const std::uint32_t n = cursor_node();
      if (!tree().node(n).directory) break;
      if (!state().open[n]) {
        state().open[n] = 1;
        state().dirty = true;
      } else {
        const auto& r = rows();
        const std::size_t c = cursor(Pane::kTree);
        if (c + 1 < r.size() && tree().node(r[c + 1]).parent == n) set_cursor(Pane::kTree, c + 1);
      }
      break;
    }
    case Action::kActivate: activate(); break;
    case Action::kNextPane: focus_ = static_cast<Pane>((static_cast<int>(focus_) + 1) % kPaneCount); break;
    case Action::kPrevPane: focus_ = static_cast<Pane>((static_cast<int>(focus_) + kPaneCount - 1) % kPaneCount); break;
    case Action::kSort:
      sort_ = sort_ == SortBy::kSize ? SortBy::kName : SortBy::kSize;
      ++sort_gen_;
      break;
    case Action::kHelp: help_ = true; break;
    case Action::kExactBytes: exact_ = !exact_; break;
    case Action::kExpandAll:
      if (focus_ == Pane::kTree) set_open_subtree(cursor_node(), true);
      break;
    case Action::kCollapseAll:
      if (focus_ == Pane::kTree) {
        std::fill(state().open.begin(), state().open.end(), 0);
        state().open[FileTree::root()] = 1;
        state().dirty = true;
      }
      break;
    case Action::kClearFilter:
      filter_ = Focus{};
      min_bytes_ = 0;
      filter_changed();
      break;
  }
  update();
}

}  // namespace ballast::explore
