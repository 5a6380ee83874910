// Who we are to a registry: a user name and password (or the docker
// config's identity token), found the way the docker CLI finds them.
#pragma once

#include <string>

namespace ballast::image::registry {

struct Credentials {
  std::string username;
  std::string password;
  std::string identity_token;  // an OAuth2 refresh token (docker login with a token server)
  std::string origin;  // for messages: "the given credentials", "credentials from docker-credential-pass"
  bool empty() const { return username.empty() && password.empty() && identity_token.empty(); }
};

struct Options;

// `options.credentials` ("USER:PASS") when given; else the docker config's
// credHelpers[host], credsStore, or auths[host] ("auth": base64 "user:pass"),
// in that order (docker/cli's config file store); else none (anonymous).
// `domain` is the reference's registry ("docker.io" for Docker Hub, whose
// key in config.json is "https://index.docker.io/v1/").
Credentials find_credentials(const std::string& domain, const Options& options);

}  // namespace ballast::image::registry
