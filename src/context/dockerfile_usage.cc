#include "context/dockerfile_usage.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "context/dockerfile_sources.h"
#include "util/go_text.h"
#include "util/utf8.h"
#include "util/human_bytes.h"

namespace ballast::context {

namespace {

int rule_line(const Matcher& m, int decided_by) {
  return decided_by >= 0 ? m.rules()[decided_by].line : 0;
}

// The error (excluded / missing: the build fails) or note (empty) a source gets.
std::optional<model::Finding> source_finding(const ContextSource& s, const CopySource& cs,
                                             const ContextReport& report) {
  const std::string ignore_file = report.ignore_file.empty() ? ".dockerignore" : report.ignore_file;
  model::Finding f;
  f.location = model::SourceLocation{report.dockerfile, s.line, 0, 0};
  f.severity = model::Severity::kError;
  f.paths = {cs.source};
  const std::string what = s.keyword + (s.parents ? " --parents" : "") + " source \"" + cs.source + "\"";
  if (cs.status == "excluded") {
    f.id = "context.copy-ignored";
    f.message = what + " is excluded by " + ignore_file + " line " + std::to_string(cs.excluded_by_line) +
                ": the build fails (not found)";
    f.fix = "remove or narrow that line, or add an exception: !" + cs.source;
  } else if (cs.status == "missing") {
    f.id = "context.copy-missing";
    f.message = what + " does not exist in the build context";
    f.fix = "fix the path (sources are relative to the context root, not to the Dockerfile)";
  } else if (cs.status == "empty") {
    f.id = "context.copy-empty";
    f.severity = model::Severity::kInfo;
    f.message = what + " matches nothing sent: it copies nothing (no error)";
    if (cs.excluded_by_line)
      f.message += "; what it matches is excluded by " + ignore_file + " line " + std::to_string(cs.excluded_by_line);
    f.fix = "fix the pattern, or drop the source";
  } else {
    return std::nullopt;
  }
  return f;
}

}  // namespace

void analyze_dockerfile_usage(const ContextTree& tree, const TreeStats& stats, const Matcher& matcher,
                              const dockerfile::ParsedDockerfile& parsed, const dockerfile::StageModel& model,
                              const ContextOptions& options, ContextReport& report,
                              std::vector<std::uint8_t>* named) {
  const std::vector<ContextSource> sources = dockerfile_context_sources(parsed, model);
  const std::size_t n = tree.entries.size();
  const TreeIndex index(tree);
  std::vector<std::uint8_t> reached_any(n, 0);
  if (named) named->assign(n, 0);

  for (const ContextSource& s : sources) {
    CopySource cs;
    cs.stage = s.stage;
    cs.line = s.line;
    cs.instruction = s.keyword;
    cs.source = s.source.empty() ? "." : s.source;
    cs.excludes = s.excludes;
    cs.parents = s.parents;
    const bool everything = s.root.empty() && !s.parents && s.excludes.empty();
    if (everything) report.copies_everything = true;
    bool any = false, any_sent = false;
    long first_excluded = -1;
    s.for_each_reached(tree, index, [&](std::size_t i) {
      const Entry& e = tree.entries[i];
      any = true;
      if (!e.sent) {
        if (first_excluded < 0) first_excluded = static_cast<long>(i);
        return;
      }
      any_sent = true;
      reached_any[i] = 1;
      if (named && !everything) (*named)[i] = 1;
      if (e.type != EntryType::kDir) {
        cs.files++;
        cs.bytes += e.size;
      }
    });
    cs.status = any_sent ? "ok" : !s.required() ? "empty" : any ? "excluded" : "missing";
    if (first_excluded >= 0 && !any_sent)
      cs.excluded_by_line = rule_line(matcher, tree.entries[first_excluded].decided_by);
    if (auto f = source_finding(s, cs, report)) report.findings.push_back(std::move(*f));
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
                  ballast::human_bytes(report.unreachable.bytes) + ") are never used by any COPY/ADD or RUN --mount";
      // Up to five patterns; the Dockerfile and .dockerignore are never
      // suggested, and when nothing else is left there is no fix to print.
      std::string fix;
      int patterns = 0;
      for (std::size_t k = 0; k < report.unreachable_top.size() && patterns < 5; ++k) {
        std::string p = report.unreachable_top[k].path;
        if (p == ".dockerignore" || p == "Dockerfile") continue;
        fix += " " + (p.ends_with('/') ? p.substr(0, p.size() - 1) : p);
        ++patterns;
      }
      if (patterns) f.fix = "add to .dockerignore:" + fix;
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
    std::string cleaned = go_text::clean_path("/" + raw);
    inv.changed = cleaned == "/" ? "." : cleaned.substr(1);
    const long found = index.find(tree, inv.changed);
    const Entry* entry = found >= 0 ? &tree.entries[found] : nullptr;
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
        for (const ContextSource& s : sources)
          if (s.instruction == idx && s.reaches(inv.changed)) at = static_cast<int>(k);
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
