#include "slim/output_target.h"

#include "util/error.h"

namespace ballast::slim {

OutputTarget parse_output_target(const std::string& text) {
  OutputTarget t;
  std::string rest = text;
  auto take = [&](std::string_view prefix) {
    if (!rest.starts_with(prefix)) return false;
    rest.erase(0, prefix.size());
    return true;
  };
  if (take("oci:")) t.kind = OutputTarget::Kind::kOciDir;
  else if (take("oci-archive:")) t.kind = OutputTarget::Kind::kOciArchive;
  else if (take("docker-archive:")) t.kind = OutputTarget::Kind::kDockerArchive;
  else {
    t.path = rest;  // a bare path: docker-archive, colons and all
    if (t.path.empty()) throw InputError("empty output path");
    return t;
  }
  // PATH[:TAG]: the first colon ends the path (as skopeo splits it).
  auto colon = rest.find(':');
  t.path = rest.substr(0, colon);
  if (colon != std::string::npos) t.tag = rest.substr(colon + 1);
  if (t.path.empty()) throw InputError("empty output path in '" + text + "'");
  return t;
}

const char* to_string(OutputTarget::Kind k) {
  switch (k) {
    case OutputTarget::Kind::kDockerArchive: return "docker-archive";
    case OutputTarget::Kind::kOciDir: return "oci";
    case OutputTarget::Kind::kOciArchive: return "oci-archive";
  }
  return "";
}

}  // namespace ballast::slim
