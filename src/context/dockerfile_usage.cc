#include "context/dockerfile_usage.h"

#include <algorithm>
#include <map>
#include <set>

#include "context/glob_syntax.h"
#include "context/go_text.h"
#include "dockerfile/shell_lex.h"
#include "util/human_bytes.h"

namespace ballast::context {

namespace {

struct Source {
  int stage = 0;
  int instruction = 0;  // index in parsed.instructions
  int line = 0;
  std::string keyword;
  std::string path;  // cleaned, relative; "" = the whole context
  bool glob = false;
};

bool reaches(const Source& s, std::string_view path) {
  if (s.path.empty()) return true;
  if (!s.glob) return path == s.path || (path.starts_with(s.path) && path.size() > s.path.size() &&
                                         path[s.path.size()] == '/');
  // A wildcard source copies what it matches, directories with their contents.
  std::string_view p = path;
  for (;;) {
    if (go_filepath_match(s.path, p)) return true;
    std::size_t slash = p.rfind('/');
    if (slash == std::string_view::npos) return false;
    p = p.substr(0, slash);
  }
}

std::vector<Source> context_sources(const dockerfile::ParsedDockerfile& parsed,
                                    const dockerfile::StageModel& model) {
  std::vector<Source> out;
  for (const auto& stage : model.stages) {
    for (std::size_t k = 0; k < stage.instructions.size(); ++k) {
      const int idx = stage.instructions[k];
      const auto& inst = parsed.instructions[idx];
      if (inst.keyword != "copy" && inst.keyword != "add") continue;
      if (dockerfile::flag_value(inst, "from")) continue;  // another stage or an image
      if (inst.args.size() < 2) continue;
      for (std::size_t a = 0; a + 1 < inst.args.size(); ++a) {
        std::string raw = inst.args[a];
        if (raw.starts_with("<<")) continue;  // heredoc source
        std::string word = raw;
        try {
          dockerfile::LexOptions lex;
          lex.escape = parsed.escape;
          word = dockerfile::expand_word(raw, k < stage.env.size() ? stage.env[k] : dockerfile::Env{}, lex);
        } catch (const InputError&) {
          // Keep the raw text: the build reports the expansion error itself.
        }
        if (inst.keyword == "add" && (word.find("://") != std::string::npos || word.starts_with("git@")))
          continue;
        Source s;
        s.stage = stage.index;
        s.instruction = idx;
        s.line = inst.start_line;
        s.keyword = inst.keyword == "copy" ? "COPY" : "ADD";
        std::string cleaned = go_clean("/" + word);  // relative to the root, no escaping it
        s.path = cleaned == "/" ? "" : cleaned.substr(1);
        s.glob = s.path.find_first_of("*?[\\") != std::string::npos;
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}

int rule_line(const Matcher& m, int decided_by) {
  return decided_by >= 0 ? m.rules()[decided_by].line : 0;
}

}  // namespace

void analyze_dockerfile_usage(const ContextTree& tree, const TreeStats& stats, const Matcher& matcher,
                              const dockerfile::ParsedDockerfile& parsed, const dockerfile::StageModel& model,
                              const ContextOptions& options, ContextReport& report) {
  const std::vector<Source> sources = context_sources(parsed, model);
  const std::size_t n = tree.entries.size();
  std::vector<std::uint8_t> reached_any(n, 0), reached(n, 0);

  for (const Source& s : sources) {
    CopySource cs;
    cs.stage = s.stage;
    cs.line = s.line;
    cs.instruction = s.keyword;
    cs.source = s.path.empty() ? "." : s.path;
    if (s.path.empty()) report.copies_everything = true;
    bool any = false, any_sent = false;
    int first_excluded = -1;
    for (std::size_t i = 0; i < n; ++i) {
      const Entry& e = tree.entries[i];
      // Pre-order: a parent's verdict is known before its children.
      bool r = (e.parent >= 0 && reached[e.parent]) || reaches(s, tree.path(e));
      reached[i] = r;
      if (!r) continue;
      any = true;
      if (e.sent) {
        any_sent = true;
        reached_any[i] = 1;
        if (e.type != EntryType::kDir) {
          cs.files++;
          cs.bytes += e.size;
        }
      } else if (first_excluded < 0) {
        first_excluded = static_cast<int>(i);
      }
    }
    cs.status = any_sent ? "ok" : any ? "excluded" : "missing";
    model::Finding f;
    f.location = model::SourceLocation{report.dockerfile, s.line, 0, 0};
    f.severity = model::Severity::kError;
    f.paths = {cs.source};
    if (cs.status == "excluded") {
      const Entry& e = tree.entries[first_excluded];
      cs.excluded_by_line = rule_line(matcher, e.decided_by);
      f.id = "context.copy-ignored";
      f.message = s.keyword + " source \"" + cs.source + "\" is excluded by " +
                  (report.ignore_file.empty() ? ".dockerignore" : report.ignore_file) + " line " +
                  std::to_string(cs.excluded_by_line) + ": the build fails (not found)";
      f.fix = "remove or narrow that line, or add an exception: !" + cs.source;
      report.findings.push_back(f);
    } else if (cs.status == "missing") {
      f.id = "context.copy-missing";
      f.message = s.keyword + " source \"" + cs.source + "\" does not exist in the build context";
      f.fix = "fix the path (sources are relative to the context root, not to the Dockerfile)";
      report.findings.push_back(f);
    }
    report.copy_sources.push_back(std::move(cs));
  }

  // Sent files nothing copies: grouped by their top-level directory.
  if (!report.copies_everything) {
    std::map<std::string, SizeItem> groups;
    for (std::size_t i = 0; i < n; ++i) {
      const Entry& e = tree.entries[i];
      if (!e.sent || e.type == EntryType::kDir || reached_any[i]) continue;
      report.unreachable.files++;
      report.unreachable.bytes += e.size;
      std::string_view p = tree.path(e);
      std::string top(p.substr(0, p.find('/')));
      if (top.size() < p.size()) top += "/";
      auto& g = groups[top];
      g.path = top;
      g.files++;
      g.bytes += e.size;
    }
    for (auto& [k, v] : groups) report.unreachable_top.push_back(v);
    std::sort(report.unreachable_top.begin(), report.unreachable_top.end(),
              [](const SizeItem& a, const SizeItem& b) { return a.bytes != b.bytes ? a.bytes > b.bytes : a.path < b.path; });
    if (report.unreachable_top.size() > options.top) report.unreachable_top.resize(options.top);
    if (report.unreachable.files > 0 && !sources.empty()) {
      model::Finding f;
      f.id = "context.unreachable";
      f.severity = model::Severity::kInfo;
      f.message = std::to_string(report.unreachable.files) + " sent files (" +
                  ballast::human_bytes(report.unreachable.bytes) + ") are never used by any COPY/ADD";
      std::string fix = "add to .dockerignore:";
      for (std::size_t k = 0; k < report.unreachable_top.size() && k < 5; ++k) {
        std::string p = report.unreachable_top[k].path;
        if (p == ".dockerignore" || p == "Dockerfile") continue;
        fix += " " + (p.ends_with('/') ? p.substr(0, p.size() - 1) : p);
      }
      f.fix = fix;
      f.bytes_saved = report.unreachable.bytes;
      report.findings.push_back(f);
    }
  }

  // --changed: which cached instructions a change invalidates.
  std::map<int, std::vector<int>> refs_by_instruction;  // instruction -> referenced stages
  for (const auto& st : model.stages)
    for (const auto& r : st.refs)
      if (r.stage >= 0) refs_by_instruction[r.instruction].push_back(r.stage);
  for (const std::string& raw : options.changed) {
    Invalidation inv;
    std::string cleaned = go_clean("/" + raw);
    inv.changed = cleaned == "/" ? "." : cleaned.substr(1);
    const Entry* entry = nullptr;
    for (const Entry& e : tree.entries)
      if (tree.path(e) == inv.changed) {
        entry = &e;
        break;
      }
    MatchResult fate = matcher.matches_or_parent_matches(inv.changed);
    inv.sent = entry ? entry->sent : !fate.excluded;
    if (!inv.sent) {
      inv.excluded_by_line = rule_line(matcher, entry ? entry->decided_by : fate.decided_by);
      report.invalidations.push_back(std::move(inv));
      continue;
    }
    std::vector<int> first(model.stages.size(), -1);  // position in stage.instructions, -1 = intact
    for (const auto& st : model.stages) {
      int at = -1;
      if (st.parent >= 0 && first[st.parent] >= 0) at = 0;
      for (std::size_t k = 0; at < 0 && k < st.instructions.size(); ++k) {
        const int idx = st.instructions[k];
        for (const Source& s : sources)
          if (s.instruction == idx && (reaches(s, inv.changed) || inv.changed == ".")) at = static_cast<int>(k);
        auto it = refs_by_instruction.find(idx);
        if (it != refs_by_instruction.end())
          for (int dep : it->second)
            if (dep >= 0 && dep < static_cast<int>(first.size()) && first[dep] >= 0) at = static_cast<int>(k);
      }
      first[st.index] = at;
      if (at < 0) continue;
      InvalidatedStage is;
      is.stage = st.index;
      is.name = st.name;
      for (std::size_t k = static_cast<std::size_t>(at); k < st.instructions.size(); ++k)
        is.lines.push_back(parsed.instructions[st.instructions[k]].start_line);
      is.first_line = is.lines.empty() ? st.from_line : is.lines.front();
      inv.stages.push_back(std::move(is));
    }
    report.invalidations.push_back(std::move(inv));
  }
  (void)stats;
}

}  // namespace ballast::context
