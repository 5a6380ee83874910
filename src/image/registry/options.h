// How to reach registries: the library's side of `--creds`, `--cert-dir` and
// `--tls-verify` (the CLI owns those names; this is a plain struct).
#pragma once

#include <string>

namespace ballast::image::registry {

struct Options {
  // "USER:PASS" for every registry; empty: the docker config file's
  // credentials for the registry (auths, credsStore, credHelpers), else anonymous.
  std::string credentials;
  // Directory with ca.crt / *.crt (extra CAs), client.cert + client.key, as
  // docker's certs.d/<host>/; empty: /etc/docker/certs.d/<host> and
  // /etc/containers/certs.d/<host> when they exist.
  std::string cert_dir;
  // false: do not verify the server certificate, and fall back to plain
  // http when the registry does not speak TLS (a trusted local registry).
  bool tls_verify = true;
  // Where config.json is; empty: $DOCKER_CONFIG, else ~/.docker.
  std::string docker_config_dir;
  // Attempts after the first for 429/5xx answers and dropped connections;
  // the wait doubles from retry_delay_ms (or follows Retry-After, capped).
  int retries = 4;
  int retry_delay_ms = 250;
};

}  // namespace ballast::image::registry
