#include "image/engine/endpoint.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/sha256.h"

namespace ballast::image::engine {
namespace {

using nlohmann::json;

std::optional<std::string> env_var(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

bool path_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// Reads a small JSON file; nullopt when it does not exist.
std::optional<json> read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  json j = json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InputError(path + ": malformed JSON");
  return j;
}

std::string config_dir(const EngineEnvironment& env) {
  if (env.docker_config) return *env.docker_config;
  return env.home + "/.docker";
}

// The context the docker CLI would use; "default" means DOCKER_HOST or the
// default socket.
std::string context_name(const EngineEnvironment& env) {
  if (env.docker_host) return "default";
  if (env.docker_context) return *env.docker_context;
  std::string path = config_dir(env) + "/config.json";
  auto config = read_json_file(path);
  if (!config) return "default";
  auto it = config->find("currentContext");
  if (it == config->end()) return "default";
  if (!it->is_string()) throw InputError(path + ": currentContext is not a string");
  std::string name = it->get<std::string>();
  return name.empty() ? "default" : name;
}

EngineEndpoint context_endpoint(const EngineEnvironment& env, const std::string& name) {
  // docker/cli's context store names each context's directory by the
  // digest of its name (digest.FromString(name).Encoded()).
  std::string path = config_dir(env) + "/contexts/meta/" + sha256_hex(name) + "/meta.json";
  auto meta = read_json_file(path);
  if (!meta) throw InputError("docker context \"" + name + "\" does not exist (no " + path + ")");
  const json* host = nullptr;
  if (auto e = meta->find("Endpoints"); e != meta->end() && e->is_object())
    if (auto d = e->find("docker"); d != e->end() && d->is_object())
      if (auto h = d->find("Host"); h != d->end() && h->is_string()) host = &*h;
  if (!host) throw InputError(path + ": no Endpoints.docker.Host");
  return {unix_socket_path(host->get<std::string>(), "docker context \"" + name + "\""),
          "docker context " + name};
}

}  // namespace

EngineEnvironment environment_from_process() {
  EngineEnvironment env;
  env.docker_host = env_var("DOCKER_HOST");
  env.docker_context = env_var("DOCKER_CONTEXT");
  env.docker_config = env_var("DOCKER_CONFIG");
  env.home = env_var("HOME").value_or("/root");
  env.xdg_runtime_dir = env_var("XDG_RUNTIME_DIR");
  return env;
}

std::string unix_socket_path(const std::string& host, const std::string& what) {
  constexpr std::string_view kUnix = "unix://";
  if (!std::string_view(host).starts_with(kUnix)) {
    auto scheme = host.find("://");
    throw InputError(what + " is " + host + ": only unix:// sockets are supported" +
                     (scheme == std::string::npos ? "" : " (not " + host.substr(0, scheme) + "://)"));
  }
  std::string path = host.substr(kUnix.size());
  if (path.empty() || path.front() != '/')
    throw InputError(what + " is " + host + ": the socket path must be absolute");
  return path;
}

EngineEndpoint find_engine_endpoint(const EngineEnvironment& env) {
  if (env.docker_host) return {unix_socket_path(*env.docker_host, "DOCKER_HOST"), "DOCKER_HOST"};
  std::string name = context_name(env);
  if (name != "default") return context_endpoint(env, name);
  if (!path_exists(env.default_socket)) {
    // No Docker here: podman's Docker-compatible service, when it runs.
    if (env.xdg_runtime_dir) {
      std::string user = *env.xdg_runtime_dir + "/podman/podman.sock";
      if (path_exists(user)) return {user, "podman"};
    }
    if (path_exists(env.podman_root_socket)) return {env.podman_root_socket, "podman"};
  }
  return {env.default_socket, "default"};
}

}  // namespace ballast::image::engine
