// Where the local container engine's API listens, found the way the docker
// CLI finds it (docker/cli cli/command/cli.go, resolveContextName and
// resolveDockerEndpoint), so `ballast analyze app` talks to the same engine
// as `docker run app`:
//   1. DOCKER_HOST                       (the "default" context)
//   2. DOCKER_CONTEXT, else "currentContext" in $DOCKER_CONFIG/config.json
//      (default ~/.docker); its endpoint is Endpoints.docker.Host in
//      contexts/meta/<sha256 hex of the context name>/meta.json
//   3. unix:///var/run/docker.sock; when that socket is absent, podman's
//      Docker-compatible one ($XDG_RUNTIME_DIR/podman/podman.sock, then
//      /run/podman/podman.sock) if it exists.
// Only unix:// sockets are spoken; other schemes are an InputError.
#pragma once

#include <optional>
#include <string>

namespace ballast::image::engine {

// The process environment, as data, so tests use hand-made config dirs.
struct EngineEnvironment {
  std::optional<std::string> docker_host;     // $DOCKER_HOST
  std::optional<std::string> docker_context;  // $DOCKER_CONTEXT
  std::optional<std::string> docker_config;   // $DOCKER_CONFIG (a directory)
  std::string home;                           // $HOME
  std::optional<std::string> xdg_runtime_dir; // $XDG_RUNTIME_DIR
  std::string default_socket = "/var/run/docker.sock";
  std::string podman_root_socket = "/run/podman/podman.sock";
};

EngineEnvironment environment_from_process();

struct EngineEndpoint {
  std::string socket_path;
  // How it was chosen, for messages: "DOCKER_HOST", "docker context NAME",
  // "default" or "podman".
  std::string origin;
};

// Throws InputError for a malformed config.json or meta.json, an unknown
// context, or an endpoint that is not unix://. Whether the socket answers
// is found out when it is used (engine_client.h).
EngineEndpoint find_engine_endpoint(const EngineEnvironment& env);

// "unix:///run/x.sock" -> "/run/x.sock"; `what` names the setting in errors.
std::string unix_socket_path(const std::string& host, const std::string& what);

}  // namespace ballast::image::engine
