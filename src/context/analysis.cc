#include "context/analysis.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>

#include "context/dockerfile_usage.h"
#include "context/suggestions.h"
#include "context/tree_stats.h"
#include "dockerfile/parser.h"
#include "dockerfile/stages.h"
#include "util/error.h"
#include "util/human_bytes.h"

namespace ballast::context {

namespace {

bool is_file(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string default_dockerfile(const std::string& dir, const ContextOptions& options) {
  if (!options.use_dockerfile) return "";
  if (!options.dockerfile.empty()) {
    if (!is_file(options.dockerfile)) throw InputError("cannot read Dockerfile " + options.dockerfile);
    return options.dockerfile;
  }
  std::string candidate = dir + "/Dockerfile";
  return is_file(candidate) ? candidate : "";
}

void fill_rule_effects(const ContextTree& tree, const Matcher& matcher, ContextReport& report) {
  const auto& rules = matcher.rules();
  report.rules.resize(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    RuleEffect& r = report.rules[i];
    r.line = rules[i].line;
    r.text = rules[i].raw;
    r.pattern = rules[i].pattern.text();
    r.exception = rules[i].exclusion;
  }
  for (const Entry& e : tree.entries) {
    if (e.decided_by < 0 || e.type == EntryType::kDir) continue;
    RuleEffect& r = report.rules[e.decided_by];
    r.files++;
    r.bytes += e.size;
  }
  // A rule that decided nothing may still match paths (shadowed by a later
  // rule, or only directories): only call it dead when no path matches.
  for (std::size_t i = 0; i < rules.size(); ++i) {
    RuleEffect& r = report.rules[i];
    if (r.files > 0) continue;
    bool any = false;
    for (const Entry& e : tree.entries) {
      if (e.decided_by == static_cast<int>(i) || rules[i].pattern.match(tree.path(e))) {
        any = true;
        break;
      }
    }
    r.matches_nothing = !any;
    if (!any) {
      model::Finding f;
      f.id = "context.rule-matches-nothing";
      f.severity = model::Severity::kInfo;
      f.message = "pattern \"" + r.text + "\" matches nothing in the context";
      f.fix = "remove the line, or fix it (patterns are relative to the context root; `*` does not cross `/`, "
              "use `**/` to match at any depth)";
      f.location = model::SourceLocation{report.ignore_file, r.line, 0, 0};
      report.findings.push_back(f);
    }
  }
}

// The `top` biggest sent files (dirs = false) or directories, ties by path:
// one pass keeping the best `top` in a heap whose root is the worst kept.
// Most entries lose on size alone; paths are compared only on equal sizes.
std::vector<std::size_t> largest(const ContextTree& tree, const TreeStats& stats, std::size_t top, bool dirs) {
  auto better = [&](std::size_t a, std::size_t b) {
    if (stats.sent_bytes[a] != stats.sent_bytes[b]) return stats.sent_bytes[a] > stats.sent_bytes[b];
    return tree.path(tree.entries[a]) < tree.path(tree.entries[b]);
  };
  std::vector<std::size_t> heap;  // std heap with `better` as less-than: the worst on top
  if (top == 0) return heap;
  heap.reserve(top + 1);
  for (std::size_t i = 0; i < tree.entries.size(); ++i) {
    const Entry& e = tree.entries[i];
    if (!e.sent || (e.type == EntryType::kDir) != dirs) continue;
    if (heap.size() == top) {
      if (stats.sent_bytes[i] < stats.sent_bytes[heap.front()] || !better(i, heap.front())) continue;
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.pop_back();
    }
    heap.push_back(i);
    std::push_heap(heap.begin(), heap.end(), better);
  }
  std::sort_heap(heap.begin(), heap.end(), better);
  return heap;
}

void fill_largest(const ContextTree& tree, const TreeStats& stats, std::size_t top, ContextReport& report) {
  for (auto i : largest(tree, stats, top, false))
    report.largest_files.push_back({std::string(tree.path(tree.entries[i])), stats.sent_bytes[i], 1});
  for (auto i : largest(tree, stats, top, true))
    report.largest_dirs.push_back({std::string(tree.path(tree.entries[i])), stats.sent_bytes[i], stats.sent_files[i]});
}

void warnings_to_findings(ContextReport& report) {
  for (const auto& w : report.warnings) {
    model::Finding f;
    f.id = "context.unreadable";
    f.severity = w.breaks_build ? model::Severity::kError : model::Severity::kWarning;
    f.message = w.path + ": " + w.message + (w.breaks_build ? " (the build will fail on it)" : " (excluded)");
    f.fix = w.breaks_build ? "fix its permissions or exclude it in .dockerignore" : "";
    f.paths = {w.path};
    report.findings.push_back(f);
  }
}

}  // namespace

std::string find_ignore_file(const std::string& dir, const std::string& dockerfile) {
  if (!dockerfile.empty() && dockerfile != "-") {
    std::string specific = dockerfile + ".dockerignore";
    if (is_file(specific)) return specific;
  }
  std::string root = dir + "/.dockerignore";
  return is_file(root) ? root : "";
}

ContextReport analyze_context(const std::string& dir_in, const ContextOptions& options) {
  std::string dir = dir_in.empty() ? "." : dir_in;
  while (dir.size() > 1 && dir.ends_with('/')) dir.pop_back();
  ContextReport report;
  report.root = dir;
  report.engine = options.engine;
  report.dockerfile = default_dockerfile(dir, options);
  report.ignore_file = find_ignore_file(dir, report.dockerfile);

  Matcher matcher;
  if (!report.ignore_file.empty())
    matcher = Matcher::from_file_content(read_file(report.ignore_file), report.ignore_file,
                                         options.engine == Engine::kDocker20);

  // A Dockerfile that does not parse fails before the (long) walk, not after.
  std::optional<dockerfile::ParsedDockerfile> parsed;
  std::optional<dockerfile::StageModel> stages;
  if (!report.dockerfile.empty()) {
    parsed = dockerfile::parse_dockerfile_file(report.dockerfile);
    stages = dockerfile::build_stage_model(*parsed);
  } else if (!options.changed.empty()) {
    throw InputError("explaining changed paths needs a Dockerfile, and none was given or found in the context");
  }

  ContextTree tree = walk_context(dir, matcher, options.engine, options.walk_threads, options.progress);
  const TreeStats stats = compute_tree_stats(tree);
  report.warnings = tree.warnings;
  // How the Dockerfile uses the context, then the suggestions (which leave
  // out what the Dockerfile names), on another core while this one does the
  // totals, largest entries and rule effects. The usage goes to a scratch
  // report, merged below, so the findings keep their order.
  ContextReport usage;
  usage.dockerfile = report.dockerfile;
  usage.ignore_file = report.ignore_file;
  auto suggested = std::async([&] {
    std::vector<std::uint8_t> named;
    if (parsed) analyze_dockerfile_usage(tree, stats, matcher, *parsed, *stages, options, usage, &named);
    return suggest_exclusions(tree, stats, options.big_file_bytes, named);
  });

  for (std::size_t i = 0; i < tree.entries.size(); ++i) {
    const Entry& e = tree.entries[i];
    if (e.type == EntryType::kDir) {
      if (e.sent) report.sent_dirs++;
      continue;
    }
    if (e.sent) {
      report.sent_files++;
      report.sent_bytes += e.size;
    } else {
      report.excluded_files++;
      report.excluded_bytes += e.size;
    }
  }
  fill_largest(tree, stats, options.top, report);
  fill_rule_effects(tree, matcher, report);

  std::vector<std::string> heavy;
  if (report.ignore_file.empty() && sends_heavy_dirs(tree, stats, &heavy)) {
    model::Finding f;
    f.id = "context.no-dockerignore";
    f.severity = model::Severity::kWarning;
    f.message = "no .dockerignore, and the context sends";
    for (const auto& h : heavy) f.message += " " + h;
    f.fix = "create .dockerignore with:";
    for (const auto& h : heavy) f.fix += " " + h;
    f.paths = heavy;
    report.findings.push_back(f);
  }
  for (auto& f : suggested.get()) report.findings.push_back(std::move(f));
  report.copy_sources = std::move(usage.copy_sources);
  report.copies_everything = usage.copies_everything;
  report.unreachable = std::move(usage.unreachable);
  report.unreachable_top = std::move(usage.unreachable_top);
  report.invalidations = std::move(usage.invalidations);
  for (auto& f : usage.findings) report.findings.push_back(std::move(f));
  warnings_to_findings(report);

  if (options.list) {
    for (const Entry& e : tree.entries) {
      if (!e.sent) continue;
      std::string p(tree.path(e));
      if (e.type == EntryType::kDir) p += '/';
      report.sent.push_back(std::move(p));
    }
    std::sort(report.sent.begin(), report.sent.end());
  }
  return report;
}

std::vector<model::Finding> lint_context(const std::string& dir, const std::string& dockerfile) {
  ContextOptions options;
  options.dockerfile = dockerfile;
  ContextReport report = analyze_context(dir, options);
  std::vector<model::Finding> out;
  for (auto& f : report.findings)
    if (f.id == "context.copy-ignored" || f.id == "context.copy-missing" || f.id == "context.no-dockerignore")
      out.push_back(std::move(f));
  return out;
}

}  // namespace ballast::context
