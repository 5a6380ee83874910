// The flags of every command that takes an image, for docker:// sources
// (skopeo's names): they fill the library's plain registry::Options.
#pragma once

#include <CLI/CLI.hpp>

#include "image/registry/access_error.h"
#include "image/registry/options.h"
#include "util/error.h"

namespace ballast::cli {

inline void add_registry_flags(CLI::App& sub, image::registry::Options* options) {
  sub.add_option("--creds", options->credentials,
                 "USER:PASS for a docker:// registry (default: ~/.docker/config.json, its credsStore/credHelpers)");
  sub.add_option("--cert-dir", options->cert_dir,
                 "Directory with ca.crt (*.crt) and client.cert/client.key for a docker:// registry");
  sub.add_option("--tls-verify", options->tls_verify,
                 "false: do not verify the registry's certificate, and allow plain http")
      ->capture_default_str();
}

// The library says what is missing; the command line says which flag gives it.
inline InputError word_access_error(const image::registry::AccessError& e) {
  using Need = image::registry::AccessError::Need;
  return InputError(std::string(e.what()) + (e.need() == Need::kCredentials
                                                 ? "; use --creds USER:PASS or docker login"
                                                 : "; use --tls-verify=false for a registry without TLS"));
}

}  // namespace ballast::cli
