// Which image to read, in skopeo's transport syntax:
//   docker-archive:PATH[:NAME:TAG]   `docker save` / `podman save` output
//   oci:DIR[:TAG]                    OCI image layout directory
//   oci-archive:PATH[:TAG]           OCI image layout in a tar
//   docker://REGISTRY/REPO[:TAG|@DIGEST]  a registry (registry/reference.h)
// A bare path is auto-detected (a directory with oci-layout, or a tar holding
// manifest.json (docker-archive) or index.json (oci-archive)).
#pragma once

#include <string>

namespace ballast::image {

enum class Transport { kDockerArchive, kOciDir, kOciArchive, kRegistry };

struct ImageReference {
  Transport transport = Transport::kDockerArchive;
  std::string path;  // for kRegistry: the reference after "docker://"
  std::string tag;  // NAME:TAG for docker-archive, ref name for oci; may be empty
};

// Throws InputError for unknown transports or paths that do not exist.
ImageReference parse_image_reference(const std::string& text);

const char* to_string(Transport t);

}  // namespace ballast::image
