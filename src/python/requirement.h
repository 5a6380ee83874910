// One declared dependency, wherever it was declared (requirements*.txt,
// pyproject.toml, setup.cfg, a `pip install` in a Dockerfile), with the file
// and line it came from so every finding can point at it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"

namespace ballast::python {

enum class PinKind {
  kExact,     // "==1.2.3" / "===x" / poetry "1.2.3": reproducible
  kRange,     // ">=1.2,<2", "~=1.2", "^1.2"
  kUnpinned,  // no version at all
  kUrl,       // a URL, VCS reference or local path: pinned by what it points to
};

struct Requirement {
  std::string name;        // as written ("PyYAML"); empty for an unnamed URL/path
  std::string normalized;  // PEP 503 ("pyyaml")
  std::vector<std::string> extras;
  std::string specifier;  // version clauses without blanks: ">=1.0,<2"
  std::string marker;     // environment marker text, "" when none
  std::string url;        // "name @ url", VCS URL, local path or archive
  std::vector<std::string> hashes;
  bool editable = false;    // -e
  bool constraint = false;  // from a -c file: limits versions, installs nothing
  bool dev = false;         // dev/test group or file: not part of the production image
  std::string group;        // "" for the main list; extra, poetry group or file role otherwise
  model::SourceLocation location;
};

PinKind pin_kind(const Requirement& r);
std::string_view to_string(PinKind kind);

// PEP 508 ("name[extra] (>=1) ; marker" or "name @ url ; marker"). Fills `out`
// (keeping its location) and returns "" on success, else what is wrong.
std::string parse_pep508(std::string_view text, Requirement& out);

// "name[extras]==1.0" as it would be written back (for messages).
std::string display(const Requirement& r);

}  // namespace ballast::python
