// What this ballast is: its version, the commit it was built from, how it was
// built, and the versions of the libraries it links, both the headers it was
// compiled against and the shared library loaded at run time (they differ
// after a library upgrade, which is what a bug report needs to know).
#pragma once

#include <string>
#include <vector>

namespace ballast::about {

struct Library {
  std::string name;
  std::string runtime;   // from the library's own API at run time; "" when it has none
  std::string headers;   // from the headers (or the build system) at compile time
};

struct BuildInfo {
  std::string version;     // project version (CMake's PROJECT_VERSION)
  std::string commit;      // `git describe --always --dirty` at build time, or "unknown"
  std::string build_type;  // CMAKE_BUILD_TYPE
  std::string compiler;    // e.g. "GCC 12.2.0"
  std::vector<Library> libraries;
};

BuildInfo build_info();

}  // namespace ballast::about
