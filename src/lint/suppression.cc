#include "lint/suppression.h"

#include <sstream>
#include <vector>

#include "dockerfile/parser.h"
#include "lint/config.h"
#include "lint/rule.h"

namespace ballast::lint {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

void add_list(std::string_view list, std::set<std::string>& out) {
  while (!list.empty()) {
    auto comma = list.find(',');
    std::string_view name = trim(list.substr(0, comma));
    for (auto& id : resolve_rule_name(name)) out.insert(id);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// "ballast ignore=A,B" / "hadolint global ignore=DL1, DL2": returns false when
// the comment is not a suppression.
bool parse_pragma(std::string_view text, bool& global, std::string_view& list) {
  text = trim(text);
  std::string_view tool;
  if (text.starts_with("ballast")) {
    tool = "ballast";
  } else if (text.starts_with("hadolint")) {
    tool = "hadolint";
  } else {
    return false;
  }
  text = trim(text.substr(tool.size()));
  global = false;
  if (text.starts_with("global")) {
    global = true;
    text = trim(text.substr(6));
  }
  if (!text.starts_with("ignore")) return false;
  text = trim(text.substr(6));
  if (!text.starts_with('=')) return false;
  list = trim(text.substr(1));
  return true;
}

}  // namespace

bool Suppressions::suppresses(std::string_view id, int instruction_line) const {
  std::string key(id);
  if (global.count(key)) return true;
  if (skip_buildkit_checks) {
    if (const RuleInfo* r = find_rule(id); r && !r->buildkit.empty()) return true;
  }
  auto it = by_line.find(instruction_line);
  return it != by_line.end() && it->second.count(key);
}

Suppressions collect_suppressions(const dockerfile::ParsedDockerfile& parsed) {
  Suppressions s;
  for (const auto& comment : parsed.comments) {
    bool global = false;
    std::string_view list;
    if (parse_pragma(comment.text, global, list) && global) add_list(list, s.global);
  }
  std::vector<const dockerfile::Instruction*> all;
  for (const auto& inst : parsed.instructions) {
    for (const auto& text : inst.comments) {
      bool global = false;
      std::string_view list;
      if (parse_pragma(text, global, list) && !global) add_list(list, s.by_line[inst.start_line]);
    }
  }
  // BuildKit: `# check=skip=<names|all>[;error=true]`.
  if (auto check = parsed.directive("check")) {
    std::string_view v = *check;
    while (!v.empty()) {
      auto semi = v.find(';');
      std::string_view part = trim(v.substr(0, semi));
      if (part.starts_with("skip=")) {
        std::string_view names = part.substr(5);
        if (trim(names) == "all") {
          s.skip_buildkit_checks = true;
        } else {
          add_list(names, s.global);
        }
      }
      if (semi == std::string_view::npos) break;
      v.remove_prefix(semi + 1);
    }
  }
  return s;
}

}  // namespace ballast::lint
