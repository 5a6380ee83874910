// The model behind `ballast explore` (docs/explore.md): the analysis report
// indexed once into panes (layers, file tree, findings, packages) and the
// state a terminal view draws — focus, cursors, scroll, open directories,
// sort, filter — changed only by the actions below. No action re-reads or
// re-analyzes the image: each walks the rows it shows, and a filter walks
// one tree once. Nothing here draws or knows a key (src/tui/ does both).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "explore/file_tree.h"
#include "explore/path_filter.h"

namespace ballast::analysis {
struct AnalyzeReport;
}

namespace ballast::explore {

enum class Pane { kLayers = 0, kTree = 1, kFindings = 2, kPackages = 3 };
inline constexpr int kPaneCount = 4;
std::string_view pane_name(Pane p);

enum class SortBy { kSize, kName };

enum class Action {
  kUp, kDown, kPageUp, kPageDown, kHome, kEnd,
  kLeft,        // tree: close the directory, else go to the parent
  kRight,       // tree: open the directory, else go to its first child
  kActivate,    // tree: open/close; layers: to the tree; findings/packages: show their files
  kNextPane, kPrevPane,
  kSort,        // size <-> name, every tree
  kHelp,        // show/hide the help; while shown, any action hides it
  kExactBytes,  // human units <-> exact byte counts
  kExpandAll,   // tree: open every directory below the cursor
  kCollapseAll, // tree: close every directory
  kClearFilter, // drop the pattern, the package/finding focus and the size floor
};

struct Totals {
  std::string image;
  std::uint64_t stored_bytes = 0, final_bytes = 0, reclaimable_bytes = 0;
  std::uint64_t savings = 0;  // of the findings
  bool has_findings = false, attributed = false;
};

struct LayerRow {
  int index = -1;  // -1: the first row, the final filesystem
  std::uint64_t bytes = 0;        // files_size (the first row: final bytes)
  std::uint64_t reclaimable = 0;  // (the first row: all reclaimable bytes)
  std::uint64_t files = 0;        // file_count (the first row: final entries)
  std::string instruction;        // the Dockerfile instruction that made it
  std::string created_by;
};

struct FindingRow {
  std::string id, severity, message, fix;
  std::uint64_t bytes_saved = 0;
  std::vector<std::string> paths;  // absolute; a duplicate set's "a = b" also as a and b
  std::vector<int> layers;
};

struct PackageRow {
  std::string label, version;
  std::uint64_t stored_bytes = 0, final_bytes = 0, files = 0;
  std::int32_t index = -1;  // into the attribution's packages (Node::package)
};

class Explorer {
 public:
  explicit Explorer(const analysis::AnalyzeReport& report);

  // --- what a view draws
  const Totals& totals() const { return totals_; }
  const std::vector<LayerRow>& layers() const { return layers_; }
  const std::vector<FindingRow>& findings() const { return findings_; }  // errors first (report/findings_order.h)
  const std::vector<PackageRow>& packages() const { return packages_; }
  const std::vector<std::string>& categories() const { return categories_; }
  const std::string& package_label(std::int32_t index) const;  // "" for -1

  Pane focus() const { return focus_; }
  int view() const { return view_; }  // -1: the final filesystem, else a layer
  const FileTree& tree() const { return trees_[tree_index()]; }
  const std::vector<std::uint32_t>& rows() const;  // the tree's visible nodes, in order
  bool is_open(std::uint32_t node) const;
  std::size_t row_count(Pane p) const;
  std::size_t cursor(Pane p) const;
  std::size_t top(Pane p) const;  // first row on screen
  std::uint32_t cursor_node() const;  // the tree's node under the cursor
  SortBy sort() const { return sort_; }
  bool exact() const { return exact_; }
  bool help() const { return help_; }
  std::string format(std::uint64_t bytes) const;  // per exact()

  // The filter as one line ("" when none) and what passes it in this tree.
  std::string filter_label() const;
  bool filtering() const;
  std::uint64_t min_bytes() const { return min_bytes_; }
  std::uint64_t matched_files() const;
  std::uint64_t matched_bytes() const;
  const std::string& message() const { return message_; }  // the last action's note, if any

  // --- what a view asks
  void apply(Action a);
  void set_pattern(std::string pattern);  // "" clears
  void set_min_bytes(std::uint64_t n);    // 0 clears
  void set_page(Pane p, std::size_t rows);  // rows the view gives the pane
  // A click on the pane's row `row` from its top on screen: focus it, move
  // the cursor there; a second click on the cursor row activates it.
  void click(Pane p, std::size_t row);
  void wheel(Pane p, int delta);  // the wheel: move that pane's cursor
  void select(Pane p, std::size_t row);  // focus p, cursor to row (clamped)
  bool reveal(std::string_view path);    // open the path's parents, cursor on it
  void note(std::string text) { message_ = std::move(text); }  // shown until the next action

 private:
  struct TreeState {
    std::vector<char> open, pass;
    std::uint64_t filter_gen = ~std::uint64_t{0};
    std::uint64_t sort_gen = ~std::uint64_t{0};
    std::vector<std::uint32_t> rows;
    std::size_t cursor = 0, top = 0;
    std::uint64_t matched_files = 0, matched_bytes = 0;
    bool dirty = true;
  };
  struct Focus {  // what the tree is narrowed to, besides the size floor
    enum Kind { kNone, kPattern, kPaths, kPackage } kind = kNone;
    PathFilter pattern;
    std::vector<std::string> paths;
    std::int32_t package = -1;
    std::string label;
  };

  std::size_t tree_index() const { return static_cast<std::size_t>(view_ + 1); }
  TreeState& state() const { return states_[tree_index()]; }
  void update() const;  // the current tree's pass/rows up to date
  void compute_pass(std::size_t tree) const;
  void rebuild_rows(std::size_t tree) const;
  void move_cursor(Pane p, long delta);
  void set_cursor(Pane p, std::size_t row);
  void set_view(int view);
  void filter_changed();
  void activate();
  void open_finding(std::size_t i);
  void open_package(std::size_t i);
  void set_open_subtree(std::uint32_t node, bool open);

  Totals totals_;
  std::vector<LayerRow> layers_;
  std::vector<FindingRow> findings_;
  std::vector<PackageRow> packages_;
  std::vector<std::string> categories_;
  std::vector<std::string> package_labels_;
  std::vector<FileTree> trees_;  // [0]: final filesystem, [1 + i]: layer i
  mutable std::vector<TreeState> states_;

  Pane focus_ = Pane::kTree;
  int view_ = -1;
  std::size_t cursors_[kPaneCount] = {};
  std::size_t tops_[kPaneCount] = {};
  std::size_t pages_[kPaneCount] = {10, 10, 10, 10};
  SortBy sort_ = SortBy::kSize;
  std::uint64_t sort_gen_ = 0;
  bool exact_ = false, help_ = false;
  Focus filter_;
  std::uint64_t min_bytes_ = 0;
  std::uint64_t filter_gen_ = 0;
  std::string message_;
};

}  // namespace ballast::explore
