// What removing an OS package really frees: the package, what breaks
// without it, and everything that was only installed for them -- the list
// `apt-get remove --autoremove PKG` prints (apk: `apk del -r PKG`).
//
// apt's rules (apt-pkg/depcache.cc, MarkRequired/MarkPackage/Sweep, apt
// 2.6 as in Debian bookworm):
//  - removing PKG also removes every package with a Depends/Pre-Depends
//    group that PKG (or another removed package) satisfied and nothing left
//    does (apt-get's problem resolver);
//  - then mark and sweep: the roots are the packages left that are manual
//    (not "Auto-Installed: 1" in extended_states), Essential/Protected, held
//    or of Priority required; from each root, every alternative of every
//    Depends, Pre-Depends, Recommends and Suggests is followed
//    (APT::AutoRemove::RecommendsImportant and SuggestsImportant default to
//    true), to the real package of that name and every package that
//    Provides it; what is installed and unmarked is garbage.
// Version constraints are not checked (a dependency on any installed
// version of a name counts). Garbage that was already garbage before the
// removal (`apt-get autoremove` would take it anyway) is not the removed
// package's price and is left out. apk has no auto marks: packages not in
// /etc/apk/world are its auto-installed ones, and D: lines its Depends.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attribution/attribution.h"

namespace ballast::attribution {

struct RemovalClosure {
  std::vector<std::uint32_t> packages;  // indices into the packages given; the requested ones first, then by name
  std::uint64_t bytes = 0;              // their final bytes
};

// Removing the packages named `remove` (names, not labels) of manager
// `world` (kDpkg or kApk) from `packages` (Attribution::packages). Names
// not installed are ignored; an empty result when none is.
RemovalClosure removal_closure(const std::vector<Package>& packages, Manager world,
                               const std::vector<std::string>& remove);

}  // namespace ballast::attribution
