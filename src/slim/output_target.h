// Where `ballast slim` writes, in skopeo's transport syntax like the inputs:
// a bare path or docker-archive:FILE[:NAME:TAG] (docker load), oci:DIR[:TAG]
// (an OCI image layout) or oci-archive:FILE[:TAG].
#pragma once

#include <string>

namespace ballast::slim {

struct OutputTarget {
  enum class Kind { kDockerArchive, kOciDir, kOciArchive };
  Kind kind = Kind::kDockerArchive;
  std::string path;
  std::string tag;  // docker-archive: NAME:TAG; OCI: the ref name
};

// Throws InputError for an empty path.
OutputTarget parse_output_target(const std::string& text);

const char* to_string(OutputTarget::Kind k);

}  // namespace ballast::slim
