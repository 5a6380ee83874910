#include "fix/fix.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iostream>
#include <sstream>

#include "dockerfile/parser.h"
#include "fix/line_diff.h"
#include "fix/pass.h"
#include "config/config_file.h"
#include "lint/config.h"
#include "lint/context_from_dir.h"
#include "lint/rule.h"
#include "util/closest_name.h"
#include "util/error.h"

namespace ballast::fix {

const std::vector<FixerInfo>& fixers() {
  // In this order: flags inside a RUN first, then appends to it, then moves
  // of whole instructions, then the config, and last the `# syntax` line
  // that flags added above may need.
  static const std::vector<FixerInfo> kFixers = {
      {"add-to-copy", {"BA4021"}, fix_add_to_copy},
      {"apt-recommends", {"BA1001"}, fix_apt_recommends},
      {"pip-cache", {"BA1005"}, fix_pip_cache},
      {"apk-cache", {"BA1006"}, fix_apk_cache},
      {"merge-runs", {"BA2004", "BA1009"}, fix_merge_runs},  // before appends: a cleanup lands after both
      {"apt-lists", {"BA1002"}, fix_apt_lists},
      {"npm-cache", {"BA1008"}, fix_npm_cache},
      {"npm-omit-dev", {"BA1018"}, fix_npm_omit_dev},
      {"recursive-chown", {"BA1010"}, fix_recursive_chown},
      {"manifests-first", {"BA2001"}, fix_manifests_first},
      {"json-form", {"BA4005"}, fix_json_form},
      {"user", {"BA3001", "BA3002"}, fix_user},
      {"multi-stage", {"BA1011", "BA1012", "BA1018"}, fix_multi_stage},
      {"syntax", {"BA2003"}, fix_syntax},
  };
  return kFixers;
}

std::span<const std::string_view> fixable_ids() {
  static constexpr std::array<std::string_view, 18> kIds = {
      "BA1001", "BA1002", "BA1005", "BA1006", "BA1008", "BA1009", "BA1010", "BA1011", "BA1012",
      "BA1018", "BA2001", "BA2003", "BA2004", "BA2005", "BA3001", "BA3002", "BA4005", "BA4021"};
  return kIds;
}

std::set<std::string, std::less<>> resolve_rule_ids(const std::vector<std::string>& names, std::string_view flag) {
  std::vector<std::string_view> known;
  for (const auto& r : lint::rules()) known.push_back(r.id);
  std::set<std::string, std::less<>> out;
  for (const auto& name : names) {
    auto ids = lint::resolve_rule_name(name);
    if (!ids.empty()) {
      out.insert(ids.begin(), ids.end());
      continue;
    }
    std::string_view guess = closest_name(name, known);
    throw InputError(std::string(flag) + ": unknown rule id '" + name + "'",
                     guess.empty() ? std::string("the rules are listed in docs/rules.md")
                                   : "did you mean '" + std::string(guess) + "'?");
  }
  return out;
}

namespace {

bool wanted(const FixOptions& o, const FixerInfo& f) {
  bool any = false;
  for (std::string_view id : f.ids) {
    if (o.except.count(id)) continue;
    if (!o.only.empty() && !o.only.count(id)) continue;
    any = true;
  }
  return any;
}

// Applies non-overlapping proposals (a later one that touches bytes an
// earlier one changed waits for the next round). Returns the accepted ones.
std::string apply(std::string_view text, std::vector<Proposal>& proposals, std::vector<Proposal>& accepted) {
  std::vector<Edit> edits;
  auto overlaps = [&](const Edit& e) {
    for (const Edit& o : edits) {
      bool insert_e = e.begin == e.end, insert_o = o.begin == o.end;
      if (insert_e && insert_o) {
        if (e.begin == o.begin) return true;
      } else if (e.begin < o.end && o.begin < e.end) {
        return true;
      } else if ((insert_e && e.begin > o.begin && e.begin < o.end) ||
                 (insert_o && o.begin > e.begin && o.begin < e.end)) {
        return true;
      }
    }
    return false;
  };
  for (Proposal& p : proposals) {
    bool clash = std::any_of(p.edits.begin(), p.edits.end(), overlaps);
    if (clash) continue;
    for (const Edit& e : p.edits) edits.push_back(e);
    accepted.push_back(std::move(p));
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::string out;
  std::size_t pos = 0;
  for (const Edit& e : edits) {
    out.append(text.substr(pos, e.begin - pos));
    out += e.text;
    pos = e.end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace

FixResult fix_text(std::string_view text, const std::string& filename, const FixOptions& given) {
  // The manifest facts of the context lint's BA1018 needs, when the caller
  // gave lint no context of its own (the other context rules stay silent).
  FixOptions options = given;
  lint::ContextInfo manifests;
  if (!options.lint.context && options.context_dir) {
    manifests.node_dev_dependencies = lint::node_dev_dependencies(options.context_dir->string());
    manifests.yarn_berry = lint::yarn_berry(options.context_dir->string());
    options.lint.context = &manifests;
  }
  FixResult result;
  result.filename = filename;
  result.original = std::string(text);
  result.before = lint::lint_text(text, filename, options.lint);

  std::string current(text);
  // origin[l]: the original line of line l of `current`.
  std::vector<int> origin(split_lines(current).size() + 2);
  for (std::size_t l = 0; l < origin.size(); ++l) origin[l] = static_cast<int>(l);
  auto original_line = [&](int l) {
    if (l <= 0) return 1;
    return static_cast<std::size_t>(l) < origin.size() ? origin[static_cast<std::size_t>(l)] : origin.back();
  };

  std::vector<Withheld> withheld;
  std::set<std::string> buildkit_ids;  // changes that added BuildKit-only flags
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    bool changed = false;
    for (const FixerInfo& f : fixers()) {
      if (!wanted(options, f)) continue;
      Pass pass(current, options);
      f.run(pass);
      for (Withheld& w : pass.withheld()) {
        w.line = original_line(w.line);
        if (options.except.count(w.id) || (!options.only.empty() && !options.only.count(w.id))) continue;
        bool seen = std::any_of(withheld.begin(), withheld.end(), [&](const Withheld& o) {
          return o.id == w.id && o.reason == w.reason;  // the same refusal, met again in a later round
        });
        if (!seen) withheld.push_back(std::move(w));
      }
      if (pass.proposals().empty()) continue;
      std::vector<Proposal> accepted;
      std::string next = apply(current, pass.proposals(), accepted);
      if (next == current) continue;
      try {
        dockerfile::parse_dockerfile(next, filename);
      } catch (const dockerfile::ParseError& e) {
        // A fixer bug must not hand the user a broken file: keep the text.
        for (const Proposal& p : accepted) {
          withheld.push_back(Withheld{p.ids.front(), original_line(p.line),
                                      "internal: the rewrite did not parse (" + std::string(e.what()) + ")"});
        }
        continue;
      }
      for (const Proposal& p : accepted) {
        result.changes.push_back(Change{p.ids, original_line(p.line), p.description});
        if (p.buildkit) buildkit_ids.insert(p.ids.begin(), p.ids.end());
      }
      std::vector<int> step = line_origins(current, next);
      std::vector<int> mapped(step.size() + 1);
      for (std::size_t l = 1; l < step.size(); ++l) mapped[l] = original_line(step[l]);
      mapped[0] = 0;
      mapped.back() = step.size() > 1 ? mapped[step.size() - 1] : 1;
      origin = std::move(mapped);
      current = std::move(next);
      changed = true;
    }
    if (!changed) break;
  }
  // A withheld fix that a later change made moot (the finding is gone) is not reported.
  result.after = lint::lint_text(current, filename, options.lint);
  for (Withheld& w : withheld) {
    bool still = std::any_of(result.after.begin(), result.after.end(), [&](const model::Finding& f) {
      return f.id == w.id;
    });
    if (still) result.withheld.push_back(std::move(w));
  }
  // The `# syntax` line a fix's own flags needed names those fixes.
  bool had_syntax_finding = std::any_of(result.before.begin(), result.before.end(),
                                        [](const model::Finding& f) { return f.id == "BA2003"; });
  for (Change& c : result.changes) {
    if (c.ids == std::vector<std::string>{"BA2003"} && !had_syntax_finding && !buildkit_ids.empty()) {
      c.ids.assign(buildkit_ids.begin(), buildkit_ids.end());
      c.description = "# syntax=docker/dockerfile:1 as the first line (for the BuildKit flags added)";
    }
  }
  std::stable_sort(result.changes.begin(), result.changes.end(),
                   [](const Change& a, const Change& b) { return a.line < b.line; });
  std::stable_sort(result.withheld.begin(), result.withheld.end(),
                   [](const Withheld& a, const Withheld& b) { return a.line < b.line; });
  result.fixed = std::move(current);
  return result;
}

FixResult fix_file(const std::string& path, const FixOptions& options) {
  std::string text;
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    text = s.str();
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a Dockerfile");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open file");
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  if (text.size() > dockerfile::kMaxDockerfileBytes) {
    throw InputError(path + ": file is too large to be a Dockerfile");
  }
  FixOptions o = options;
  std::filesystem::path dir = path == "-" ? std::filesystem::path(".") : std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  if (o.config_path) {
    o.lint.config = lint::load_config(*o.config_path);
  } else if (o.search_config) {
    if (auto found = config::find_config_file(std::filesystem::absolute(dir))) o.lint.config = lint::load_config(*found);
  }
  if (!o.context_dir && path != "-") {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    o.context_dir = parent.empty() ? std::filesystem::path(".") : parent;
  }
  return fix_text(text, path == "-" ? "<stdin>" : path, o);
}

}  // namespace ballast::fix
