// The OCI distribution API (distribution-spec v1.1 "pull") for one
// repository: /v2/ ping with the plain-http fallback of --tls-verify=false,
// manifests by tag or digest with every manifest type in Accept, small blobs
// (configs) read whole and checked against their digests. Every request
// goes through the Authorizer, so a 401 turns into the right credentials
// once and is retried.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "image/registry/auth.h"
#include "image/registry/http.h"
#include "image/registry/options.h"
#include "image/registry/reference.h"

namespace ballast::image::registry {

// What a manifest GET asks for, most wanted first.
inline constexpr const char* kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr const char* kDockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr const char* kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr const char* kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

struct Manifest {
  std::string media_type;  // Content-Type, else the document's mediaType
  std::string body;
  std::string digest;      // sha256 of body, "sha256:…"
  bool is_index() const { return media_type == kOciIndex || media_type == kDockerList; }
};

// The halves of Client::manifest() and of its 404 handling that read the
// registry's answer, apart from the transfer so the fuzzer
// (fuzz/registry_answers_fuzz.cc) reaches them without a server.
// A 200 answer to GET /v2/<repo>/manifests/<reference>: the digest checked
// when `reference` is one, the media type settled, schema 1 refused.
Manifest manifest_from_answer(const std::string& reference, std::string body, std::string content_type,
                              const std::string& subject);
// The first error code of a distribution-spec error body, or "".
std::string registry_error_code(const std::string& body);

class Client {
 public:
  Client(Reference ref, const Options& options);

  const Reference& reference() const { return ref_; }
  const Http& http() const { return http_; }
  Authorizer& authorizer() { return auth_; }
  // "registry 127.0.0.1:5000" for messages.
  std::string where() const { return "registry " + ref_.domain; }
  // "/v2/<repo>/blobs/<digest>" as a full URL.
  std::string blob_url(const std::string& digest) const;

  // Checks the registry answers the distribution API; switches to plain
  // http when TLS is off and the registry does not speak it.
  void ping();
  // Tag or digest; a digest reference is checked against the body.
  Manifest manifest(const std::string& reference);
  // A small blob read whole and checked against its digest.
  std::string small_blob(const std::string& digest, std::size_t max_bytes);

 private:
  Response request(const std::string& url, std::vector<std::string> headers, std::size_t max_body);
  Reference ref_;
  Http http_;
  Authorizer auth_;
};

}  // namespace ballast::image::registry
