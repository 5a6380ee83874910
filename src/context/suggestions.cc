#include "context/suggestions.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <unordered_set>

#include "util/human_bytes.h"

namespace ballast::context {

namespace {

struct DirCategory {
  const char* id;
  const char* what;  // the subject of "... sent to the builder"
  bool plural;       // "are sent" rather than "is sent"
  std::vector<std::string_view> names;
  model::Severity severity;
};

const std::vector<DirCategory>& dir_categories() {
  static const std::vector<DirCategory> kTable = {
      {"context.suggest.vcs", "version-control history", false, {".git", ".hg", ".svn"}, model::Severity::kWarning},
      {"context.suggest.node-modules", "node_modules (reinstalled by the build)", true, {"node_modules"},
       model::Severity::kWarning},
      {"context.suggest.virtualenv", "Python virtualenvs", true, {}, model::Severity::kWarning},
      {"context.suggest.pycache", "Python bytecode caches", true, {"__pycache__"}, model::Severity::kInfo},
      {"context.suggest.build-output", "build outputs", true,
       {"dist", "build", "target", ".next", ".nuxt", "out"}, model::Severity::kInfo},
      {"context.suggest.tool-cache", "tool caches", true,
       {".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".cache", ".gradle", "coverage",
        "htmlcov", ".nyc_output", ".terraform"},
       model::Severity::kInfo},
      {"context.suggest.ide", "IDE settings", true, {".idea", ".vscode", ".vs"}, model::Severity::kInfo},
      {"context.suggest.logs", "log folders", true, {"logs", "log"}, model::Severity::kInfo},
      {"context.suggest.tests", "test folders (if the image does not run them)", true,
       {"tests", "test", "__tests__", "spec"}, model::Severity::kInfo},
  };
  return kTable;
}

// Which suggestion category a directory is (cats.size(): none).
std::size_t dir_category(std::string_view name, bool is_venv) {
  const auto& cats = dir_categories();
  for (std::size_t c = 0; c < cats.size(); ++c) {
    bool hit = cats[c].names.empty() ? is_venv
                                     : std::find(cats[c].names.begin(), cats[c].names.end(), name) != cats[c].names.end();
    if (hit) return c;
  }
  return cats.size();
}

// Virtualenvs are recognised by their pyvenv.cfg, whatever their name.
std::unordered_set<std::int32_t> find_venvs(const ContextTree& tree) {
  std::unordered_set<std::int32_t> venvs;
  for (const Entry& e : tree.entries)
    if (e.type == EntryType::kFile && e.parent >= 0 && base_name(tree.path(e)) == "pyvenv.cfg")
      venvs.insert(e.parent);
  return venvs;
}

bool has_ext(std::string_view name, std::string_view ext) {
  return name.size() > ext.size() && name.ends_with(ext);
}

bool source_file(std::string_view name) {
  static constexpr std::array kExt = {".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".go", ".rs", ".rb", ".java",
                                      ".kt", ".c", ".cc", ".cpp", ".h", ".php", ".cs"};
  for (auto ext : kExt)
    if (has_ext(name, ext)) return true;
  return false;
}

// "log"/"logs" and "out" are also the names of code packages (app/logs/
// __init__.py): those names are a suggestion only for folders holding no
// source file. (build/, dist/, target/ hold generated sources too and
// stay suggestions; docs/context.md says to check them.)
bool code_names(std::string_view name) { return name == "log" || name == "logs" || name == "out"; }

// Per directory: does it (recursively) hold a source file?
std::vector<std::uint8_t> dirs_with_source(const ContextTree& tree) {
  std::vector<std::uint8_t> has(tree.entries.size(), 0);
  for (std::size_t i = tree.entries.size(); i-- > 0;) {
    const Entry& e = tree.entries[i];
    if (e.type == EntryType::kFile && source_file(base_name(tree.path(e)))) has[i] = 1;
    if (has[i] && e.parent >= 0) has[e.parent] = 1;
  }
  return has;
}

// For each entry, the topmost sent directory above or at it that a
// suggestion category names (-1: none): one suggestion for the highest
// directory covers everything below it, whatever category the inner ones are.
std::vector<std::int32_t> covering_dirs(const ContextTree& tree, const TreeStats& stats,
                                        const std::unordered_set<std::int32_t>& venvs,
                                        const std::vector<std::uint8_t>& kept) {
  const std::size_t none = dir_categories().size();
  const std::vector<std::uint8_t> source = dirs_with_source(tree);
  std::vector<std::int32_t> cover(tree.entries.size(), -1);
  for (std::size_t i = 0; i < tree.entries.size(); ++i) {
    const Entry& e = tree.entries[i];
    const auto idx = static_cast<std::int32_t>(i);
    if (e.parent >= 0) cover[i] = cover[e.parent];  // pre-order: the parent is done
    if (cover[i] >= 0 || e.type != EntryType::kDir || !e.sent || stats.sent_files[i] == 0) continue;
    if (!kept.empty() && kept[i]) continue;
    std::string_view name = base_name(tree.path(e));
    if (code_names(name) && source[i]) continue;
    if (dir_category(name, venvs.count(idx) > 0) != none) cover[i] = idx;
  }
  return cover;
}


bool data_or_model_file(std::string_view name) {
  static constexpr std::array kExt = {".csv", ".tsv", ".parquet", ".feather", ".h5", ".hdf5", ".npy", ".npz",
                                      ".pkl", ".pickle", ".pt", ".pth", ".ckpt", ".safetensors", ".onnx",
                                      ".gguf", ".tflite", ".sqlite", ".db", ".zip", ".tar", ".tgz", ".gz",
                                      ".7z", ".iso", ".mp4", ".mov", ".mkv", ".avi", ".webm", ".wav",
                                      ".flac", ".mp3", ".ogg", ".m4a", ".aiff"};
  for (auto ext : kExt)
    if (has_ext(name, ext)) return true;
  return false;
}

std::string human(std::uint64_t bytes) { return ballast::human_bytes(bytes); }

model::Finding make(const char* id, model::Severity sev, const std::string& what, bool plural, std::uint64_t bytes,
                    std::uint64_t files, std::vector<std::string> paths, std::vector<std::string> patterns) {
  model::Finding f;
  f.id = id;
  f.severity = sev;
  f.message = what + (plural ? " are" : " is") + " sent to the builder: " + human(bytes) + " in " +
              std::to_string(files) + (files == 1 ? " file" : " files");
  std::string fix = "add to .dockerignore:";
  for (const auto& p : patterns) fix += " " + p;
  f.fix = fix;
  f.bytes_saved = bytes;
  f.paths = std::move(paths);
  return f;
}

}  // namespace

std::vector<model::Finding> suggest_exclusions(const ContextTree& tree, const TreeStats& stats,
                                               std::uint64_t big_file_bytes, const std::vector<std::uint8_t>& keep) {
  const auto& cats = dir_categories();
  // A directory is kept when anything below it is (pre-order: a reverse pass).
  std::vector<std::uint8_t> kept;
  if (!keep.empty()) {
    kept = keep;
    for (std::size_t i = kept.size(); i-- > 0;)
      if (kept[i] && tree.entries[i].parent >= 0) kept[tree.entries[i].parent] = 1;
  }
  const auto venvs = find_venvs(tree);
  const std::vector<std::int32_t> cover = covering_dirs(tree, stats, venvs, kept);

  struct Acc {
    std::uint64_t bytes = 0, files = 0;
    std::vector<std::int32_t> dirs;
  };
  std::vector<Acc> acc(cats.size());
  Acc logs, ide_files, big;
  std::vector<std::pair<std::uint64_t, std::string>> big_paths;
  // Directory names the Dockerfile needs somewhere: "**/NAME" would exclude them too.
  std::set<std::string_view> kept_names;
  std::vector<std::string> kept_logs;

  // A file that is a large share of all that is sent is worth naming whatever
  // its extension (issue 23: a 31 MB .wav was 86 % of a context).
  std::uint64_t sent_total = 0;
  for (const Entry& e : tree.entries)
    if (e.type == EntryType::kFile && e.sent) sent_total += e.size;
  constexpr std::uint64_t kShareMinimum = 10ull * 1024 * 1024;

  for (std::size_t i = 0; i < tree.entries.size(); ++i) {
    const Entry& e = tree.entries[i];
    std::string_view name = base_name(tree.path(e));
    if (e.type == EntryType::kDir && !kept.empty() && kept[i]) kept_names.insert(name);
    if (e.type == EntryType::kFile && !kept.empty() && kept[i] && has_ext(name, ".log"))
      kept_logs.push_back("!" + std::string(tree.path(e)));  // "**/*.log" must not take it
    if (!e.sent || (!kept.empty() && kept[i])) continue;
    const auto idx = static_cast<std::int32_t>(i);
    if (e.type == EntryType::kDir) {
      if (cover[i] != idx) continue;  // not a suggestion, or inside one
      std::size_t c = dir_category(name, venvs.count(idx) > 0);
      acc[c].dirs.push_back(idx);
      acc[c].bytes += stats.sent_bytes[i];
      acc[c].files += stats.sent_files[i];
      continue;
    }
    // Files inside a suggested directory are already excluded by it.
    if (e.type != EntryType::kFile || cover[i] >= 0) continue;
    if (has_ext(name, ".log")) {
      logs.bytes += e.size;
      logs.files++;
    }
    if (name == ".DS_Store" || has_ext(name, ".swp") || name == "Thumbs.db") {
      ide_files.bytes += e.size;
      ide_files.files++;
    }
    // The size test first: the extension test costs ~30 comparisons a file.
    if (e.size >= big_file_bytes || (e.size >= 1024 * 1024 && data_or_model_file(name)) ||
        (e.size >= kShareMinimum && e.size >= sent_total / 4)) {
      big.bytes += e.size;
      big.files++;
      big_paths.emplace_back(e.size, std::string(tree.path(e)));
    }
  }

  std::vector<model::Finding> out;
  for (std::size_t c = 0; c < cats.size(); ++c) {
    if (acc[c].dirs.empty()) continue;
    std::vector<std::string> paths, patterns;
    std::set<std::string> seen;
    for (auto d : acc[c].dirs) {
      std::string p(tree.path(tree.entries[d]));
      paths.push_back(p);
      // "**/NAME" covers every such directory at once, unless one the
      // Dockerfile needs has that name (or it is a virtualenv, whose name
      // says nothing): then the path itself.
      std::string_view base = base_name(p);
      bool by_name = !cats[c].names.empty() && !kept_names.contains(base);
      std::string pattern = p.find('/') == std::string::npos || !by_name ? p : "**/" + std::string(base);
      if (seen.insert(pattern).second) patterns.push_back(pattern);
    }
    if (patterns.size() > 5) patterns.resize(5);
    std::string what = cats[c].what;
    bool plural = cats[c].plural;
    if (cats[c].names.empty() && acc[c].dirs.size() == 1) {
      what = "a Python virtualenv";
      plural = false;
    }
    out.push_back(make(cats[c].id, cats[c].severity, what, plural, acc[c].bytes, acc[c].files, paths, patterns));
  }
  if (logs.files) {
    std::vector<std::string> patterns{"**/*.log"};
    patterns.insert(patterns.end(), kept_logs.begin(), kept_logs.end());
    out.push_back(make("context.suggest.logs", model::Severity::kInfo, "log files", true, logs.bytes, logs.files, {},
                       patterns));
  }
  if (ide_files.files)
    out.push_back(make("context.suggest.ide", model::Severity::kInfo, "editor and OS clutter", false, ide_files.bytes,
                       ide_files.files, {}, {"**/.DS_Store", "**/*.swp"}));
  if (big.files) {
    std::sort(big_paths.rbegin(), big_paths.rend());
    std::vector<std::string> paths, patterns;
    for (const auto& [size, path] : big_paths) {
      paths.push_back(path);
      if (patterns.size() < 5) patterns.push_back(path);
    }
    out.push_back(make("context.suggest.big-files", model::Severity::kWarning,
                       "big data, model or archive files", true, big.bytes, big.files, paths, patterns));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const model::Finding& a, const model::Finding& b) { return a.bytes_saved > b.bytes_saved; });
  return out;
}

bool sends_heavy_dirs(const ContextTree& tree, const TreeStats& stats, std::vector<std::string>* which) {
  // .git, node_modules and virtualenvs, each named by the highest directory
  // that covers it (a venv inside build/ is build/), once.
  const auto venvs = find_venvs(tree);
  const std::vector<std::int32_t> cover = covering_dirs(tree, stats, venvs, {});
  std::set<std::int32_t> named;
  for (std::size_t i = 0; i < tree.entries.size(); ++i) {
    const Entry& e = tree.entries[i];
    if (e.type != EntryType::kDir || !e.sent || stats.sent_files[i] == 0) continue;
    std::string_view name = base_name(tree.path(e));
    bool heavy = name == ".git" || name == "node_modules" || venvs.count(static_cast<std::int32_t>(i)) > 0;
    if (heavy && cover[i] >= 0 && named.insert(cover[i]).second)
      which->push_back(std::string(tree.path(tree.entries[cover[i]])));
  }
  return !which->empty();
}

}  // namespace ballast::context
