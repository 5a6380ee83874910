#include "attribution/package.h"

namespace ballast::attribution {

std::string_view to_string(Manager m) {
  switch (m) {
    case Manager::kDpkg: return "dpkg";
    case Manager::kApk: return "apk";
    case Manager::kPython: return "python";
    case Manager::kNode: return "npm";
    case Manager::kConda: return "conda";
  }
  return "unknown";
}

std::string_view label_prefix(Manager m) {
  switch (m) {
    case Manager::kDpkg: return "deb:";
    case Manager::kApk: return "apk:";
    case Manager::kPython: return "pypi:";
    case Manager::kNode: return "npm:";
    case Manager::kConda: return "conda:";
  }
  return "";
}

}  // namespace ballast::attribution
