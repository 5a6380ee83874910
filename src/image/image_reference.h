// Which image to read, in skopeo's transport syntax:
//   docker-archive:PATH[:NAME:TAG]   `docker save` / `podman save` output
//   oci:DIR[:TAG]                    OCI image layout directory
//   oci-archive:PATH[:TAG]           OCI image layout in a tar
//   docker-daemon:NAME[:TAG|@DIGEST] the local engine's image (image/engine/)
//   -                                a docker-save or OCI archive on stdin
//   docker://REGISTRY/REPO[:TAG|@DIGEST]  a registry (registry/reference.h)
// A bare path is auto-detected (a directory with oci-layout, or a tar holding
// manifest.json (docker-archive) or index.json (oci-archive)); a bare image
// name or ID that is not a file is the engine's image.
#pragma once

#include <string>

namespace ballast::image {

enum class Transport { kDockerArchive, kOciDir, kOciArchive, kDockerDaemon, kStdin, kRegistry };

struct ImageReference {
  Transport transport = Transport::kDockerArchive;
  std::string path;  // for kRegistry: the reference after "docker://"
  std::string tag;  // NAME:TAG for docker-archive, ref name for oci; may be empty
  // docker-daemon: the engine's name for the image (path is empty);
  // implicit: written bare, so "not a file" is part of any error.
  std::string engine_ref;
  bool implicit = false;
};

// Read in one pass from a stream (stream_archive.h), not from a file.
inline bool is_streamed(Transport t) { return t == Transport::kDockerDaemon || t == Transport::kStdin; }

// Throws InputError for unknown transports or paths that do not exist.
ImageReference parse_image_reference(const std::string& text);

const char* to_string(Transport t);

}  // namespace ballast::image
