// A registry image reference, `docker://REGISTRY/REPO[:TAG|@DIGEST]` without
// the transport, parsed by the grammar of github.com/distribution/reference
// (the one the docker CLI and skopeo use) and normalized as the docker CLI
// normalizes: a first component without '.' or ':' (and not "localhost") is a
// Docker Hub repository, a single-component Hub name gets "library/", and
// "index.docker.io" is "docker.io", whose API lives on registry-1.docker.io.
#pragma once

#include <string>

namespace ballast::image::registry {

struct Reference {
  std::string domain;      // as normalized: "docker.io", "127.0.0.1:5000"
  std::string repository;  // "library/busybox"
  std::string tag;         // "latest" when neither tag nor digest was given
  std::string digest;      // "sha256:<hex>" or empty
  // Where the distribution API answers: registry-1.docker.io for Docker Hub.
  std::string api_host() const;
  // What the manifest GET asks for: the digest when given, else the tag.
  std::string manifest_ref() const { return digest.empty() ? tag : digest; }
  // "docker.io/library/busybox:latest" (tag and digest both when both given).
  std::string canonical() const;
};

// Throws InputError with distribution/reference's message ("invalid
// reference format: repository name must be lowercase", ...) quoting `text`.
Reference parse_reference(const std::string& text);

}  // namespace ballast::image::registry
