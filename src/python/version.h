// PEP 440 versions, just enough to compare pins: "1.24.3" against ">=1.20,<2",
// "2.1.0+cpu" against "==2.1.0". Epochs, pre/post/dev releases and local
// labels are ordered as PEP 440 ("Summary of permitted suffixes and relative
// ordering") says; arbitrary "===" strings compare as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::python {

struct Version {
  long epoch = 0;
  std::vector<long> release;
  // Pre-release: 0 = a, 1 = b, 2 = rc; -1 none.
  int pre_kind = -1;
  long pre_number = 0;
  long post = -1;  // -1: no post release
  long dev = -1;   // -1: no dev release
  std::string local;
};

std::optional<Version> parse_version(std::string_view text);

// <0, 0, >0 like strcmp; the local label only breaks ties.
int compare_versions(const Version& a, const Version& b);

// One clause of a specifier set ("~=1.4", "!=2.0.*"): does `v` satisfy it?
// Returns nullopt when the clause itself cannot be read.
std::optional<bool> satisfies(const Version& v, std::string_view clause);

// Every comma-separated clause of `specifier` ("" is satisfied by anything).
std::optional<bool> satisfies_all(const Version& v, std::string_view specifier);

}  // namespace ballast::python
