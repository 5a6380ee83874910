// Inline suppressions read from the Dockerfile itself:
//   # ballast ignore=BA1001,BA1002      the next instruction
//   # ballast global ignore=BA2004      the whole file
//   # hadolint ignore=DL3015            mapped through the rule table
//   # hadolint global ignore=DL3059
//   # check=skip=JSONArgsRecommended    BuildKit's parser directive (skip=all:
//                                       every rule that is a BuildKit check)
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace ballast::dockerfile {
struct ParsedDockerfile;
}

namespace ballast::lint {

struct Suppressions {
  std::set<std::string> global;                   // BA ids ignored in the whole file
  std::map<int, std::set<std::string>> by_line;   // instruction start line -> BA ids
  bool skip_buildkit_checks = false;              // `# check=skip=all`

  bool suppresses(std::string_view id, int instruction_line) const;
};

Suppressions collect_suppressions(const dockerfile::ParsedDockerfile& parsed);

}  // namespace ballast::lint
