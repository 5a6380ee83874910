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
  const char* what;
  std::vector<std::string_view> names;
  model::Severity severity;
};

const std::vector<DirCategory>& dir_categories() {
  static const std::vector<DirCategory> kTable = {
      {"context.suggest.vcs", "version-control history", {".git", ".hg", ".svn"}, model::Severity::kWarning},
      {"context.suggest.node-modules", "node_modules (reinstalled by the build)", {"node_modules"},
       model::Severity::kWarning},
      {"context.suggest.virtualenv", "a Python virtualenv", {}, model::Severity::kWarning},
      {"context.suggest.pycache", "Python bytecode caches", {"__pycache__"}, model::Severity::kInfo},
      {"context.suggest.build-output", "build outputs",
       {"dist", "build", "target", ".next", ".nuxt", "out"}, model::Severity::kInfo},
      {"context.suggest.tool-cache", "tool caches",
       {".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".cache", ".gradle", "coverage",
        "htmlcov", ".nyc_output", ".terraform"},
       model::Severity::kInfo},
      {"context.suggest.ide", "IDE settings", {".idea", ".vscode", ".vs"}, model::Severity::kInfo},
      {"context.suggest.logs", "log folders", {"logs", "log"}, model::Severity::kInfo},
      {"context.suggest.tests", "test folders (if the image does not run them)",
       {"tests", "test", "__tests__", "spec"}, model::Severity::kInfo},
  };
  return kTable;
}

bool has_ext(std::string_view name, std::string_view ext) {
  return name.size() > ext.size() && name.ends_with(ext);
}

bool data_or_model_file(std::string_view name) {
  static constexpr std::array kExt = {".csv", ".tsv", ".parquet", ".feather", ".h5", ".hdf5", ".npy", ".npz",
                                      ".pkl", ".pickle", ".pt", ".pth", ".ckpt", ".safetensors", ".onnx",
                                      ".gguf", ".tflite", ".sqlite", ".db", ".zip", ".tar", ".tgz", ".gz",
                                      ".7z", ".iso", ".mp4", ".mov"};
  for (auto ext : kExt)
    if (has_ext(name, ext)) return true;
  return false;
}

std::string human(std::uint64_t bytes) { return ballast::human_bytes(bytes); }

model::Finding make(const char* id, model::Severity sev, const std::string& what, std::uint64_t bytes,
                    std::uint64_t files, std::vector<std::string> paths, std::vector<std::string> patterns) {
  model::Finding f;
  f.id = id;
  f.severity = sev;
  f.message = what + " is sent to the builder: " + human(bytes) + " in " + std::to_string(files) + " files";
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
  // Virtualenvs are recognised by their pyvenv.cfg, whatever their name.
  std::unordered_set<std::int32_t> venvs;
  for (const Entry& e : tree.entries)
    if (e.type == EntryType::kFile && e.parent >= 0 && base_name(tree.path(e)) == "pyvenv.cfg")
      venvs.insert(e.parent);

  struct Acc {
    std::uint64_t bytes = 0, files = 0;
    std::vector<std::int32_t> dirs;
  };
  std::vector<Acc> acc(cats.size());
  Acc logs, ide_files, big;
  std::vector<std::pair<std::uint64_t, std::string>> big_paths;

  auto inside = [&](std::int32_t index, const std::vector<std::int32_t>& tops) {
    for (std::int32_t p = tree.entries[index].parent; p >= 0; p = tree.entries[p].parent)
      if (std::find(tops.begin(), tops.end(), p) != tops.end()) return true;
    return false;
  };

  for (std::size_t i = 0; i < tree.entries.size(); ++i) {
    const Entry& e = tree.entries[i];
    if (!e.sent || (!kept.empty() && kept[i])) continue;
    std::string_view name = base_name(tree.path(e));
    const auto idx = static_cast<std::int32_t>(i);
    if (e.type == EntryType::kDir) {
      for (std::size_t c = 0; c < cats.size(); ++c) {
        bool hit = cats[c].names.empty() ? venvs.count(idx) > 0
                                         : std::find(cats[c].names.begin(), cats[c].names.end(), name) !=
                                               cats[c].names.end();
        if (!hit || stats.sent_files[i] == 0 || inside(idx, acc[c].dirs)) continue;
        acc[c].dirs.push_back(idx);
        acc[c].bytes += stats.sent_bytes[i];
        acc[c].files += stats.sent_files[i];
      }
      continue;
    }
    if (e.type != EntryType::kFile) continue;
    if (has_ext(name, ".log")) {
      logs.bytes += e.size;
      logs.files++;
    }
    if (name == ".DS_Store" || has_ext(name, ".swp") || name == "Thumbs.db") {
      ide_files.bytes += e.size;
      ide_files.files++;
    }
    // The size test first: the extension test costs ~30 comparisons a file.
    if (e.size >= big_file_bytes || (e.size >= 1024 * 1024 && data_or_model_file(name))) {
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
      std::string pattern = p.find('/') == std::string::npos ? p : "**/" + std::string(base_name(p));
      if (seen.insert(pattern).second) patterns.push_back(pattern);
    }
    if (patterns.size() > 5) patterns.resize(5);
    out.push_back(make(cats[c].id, cats[c].severity, cats[c].what, acc[c].bytes, acc[c].files, paths, patterns));
  }
  if (logs.files) out.push_back(make("context.suggest.logs", model::Severity::kInfo, "log files", logs.bytes,
                                     logs.files, {}, {"**/*.log"}));
  if (ide_files.files)
    out.push_back(make("context.suggest.ide", model::Severity::kInfo, "editor and OS clutter", ide_files.bytes,
                       ide_files.files, {}, {"**/.DS_Store", "**/*.swp"}));
  if (big.files) {
    std::sort(big_paths.rbegin(), big_paths.rend());
    std::vector<std::string> paths, patterns;
    for (const auto& [size, path] : big_paths) {
      paths.push_back(path);
      if (patterns.size() < 5) patterns.push_back(path);
    }
    out.push_back(make("context.suggest.big-files", model::Severity::kWarning,
                       "big data, model or archive files", big.bytes, big.files, paths, patterns));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const model::Finding& a, const model::Finding& b) { return a.bytes_saved > b.bytes_saved; });
  return out;
}

bool sends_heavy_dirs(const ContextTree& tree, const TreeStats& stats, std::vector<std::string>* which) {
  bool any = false;
  for (std::size_t i = 0; i < tree.entries.size(); ++i) {
    const Entry& e = tree.entries[i];
    if (e.type == EntryType::kFile && e.sent && base_name(tree.path(e)) == "pyvenv.cfg" && e.parent >= 0) {
      which->push_back(std::string(tree.path(tree.entries[e.parent])));
      any = true;
    }
    if (e.type != EntryType::kDir || !e.sent || stats.sent_files[i] == 0) continue;
    std::string_view name = base_name(tree.path(e));
    if (name == ".git" || name == "node_modules") {
      // Only the topmost one of each (node_modules nest).
      bool nested = false;
      for (std::int32_t p = e.parent; p >= 0; p = tree.entries[p].parent)
        if (base_name(tree.path(tree.entries[p])) == name) nested = true;
      if (!nested) {
        which->push_back(std::string(tree.path(e)));
        any = true;
      }
    }
  }
  return any;
}

}  // namespace ballast::context
