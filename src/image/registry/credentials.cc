#include "image/registry/credentials.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "image/registry/auth.h"
#include "image/registry/options.h"
#include "util/error.h"

extern char** environ;

namespace ballast::image::registry {
namespace {

using nlohmann::json;

// docker/cli registry.IndexServer: Docker Hub's key in config.json and for helpers.
constexpr const char* kHubServer = "https://index.docker.io/v1/";

std::string config_path(const Options& options) {
  std::string dir = options.docker_config_dir;
  if (dir.empty())
    if (const char* d = std::getenv("DOCKER_CONFIG"); d && *d) dir = d;
  if (dir.empty())
    if (const char* home = std::getenv("HOME"); home && *home) dir = std::string(home) + "/.docker";
  return dir.empty() ? std::string() : dir + "/config.json";
}

// docker/cli credentials.ConvertToHostname: "https://host:5000/v1/" -> "host:5000".
std::string to_hostname(std::string url) {
  if (auto p = url.find("://"); p != std::string::npos) url = url.substr(p + 3);
  return url.substr(0, url.find('/'));
}

struct Run {
  int status = -1;
  std::string out;
};

// Runs `program get` with `input` on stdin, as docker-credential-helpers'
// client does; stdout is read whole (it is one small JSON object).
Run run_helper(const std::string& program, const std::string& input) {
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0) throw InputError(program + ": " + std::strerror(errno));
  if (::pipe2(out, O_CLOEXEC) != 0) {
    ::close(in[0]);
    ::close(in[1]);
    throw InputError(program + ": " + std::strerror(errno));
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  std::string verb = "get";
  char* argv[] = {const_cast<char*>(program.c_str()), verb.data(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, program.c_str(), &fa, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(in[0]);
  ::close(out[1]);
  if (rc != 0) {
    ::close(in[1]);
    ::close(out[0]);
    throw InputError("credential helper " + program + " not found (" + std::strerror(rc) + ")");
  }
  // The input is a host name: it fits any pipe buffer, so write, then read.
  std::size_t done = 0;
  while (done < input.size()) {
    ssize_t w = ::write(in[1], input.data() + done, input.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) break;
    done += static_cast<std::size_t>(w);
  }
  ::close(in[1]);
  Run run;
  char buf[4096];
  for (;;) {
    ssize_t r = ::read(out[0], buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    if (run.out.size() < (1 << 20)) run.out.append(buf, static_cast<std::size_t>(r));
  }
  ::close(out[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

Credentials from_helper(const std::string& name, const std::string& server) {
  const std::string program = "docker-credential-" + name;
  Run run = run_helper(program, server);
  Credentials c;
  c.origin = "credentials from " + program;
  if (run.status != 0) {
    // docker-credential-helpers' ErrCredentialsNotFound: anonymous, as docker does.
    if (run.out.find("credentials not found") != std::string::npos) return {};
    std::string first = run.out.substr(0, run.out.find('\n'));
    throw InputError(program + " get " + server + " failed (exit " + std::to_string(run.status) +
                     (first.empty() ? "" : ": " + first) + ")");
  }
  json j = json::parse(run.out, nullptr, false);
  if (!j.is_object()) throw InputError(program + " get " + server + ": answer is not JSON");
  // A field that is not a string is absent (json::value() would throw a raw type_error).
  auto field = [&j](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string user = field("Username");
  std::string secret = field("Secret");
  // docker/cli's native store: user "<token>" means the secret is an identity token.
  if (user == "<token>") c.identity_token = secret;
  else {
    c.username = user;
    c.password = secret;
  }
  return c;
}

Credentials from_auths(const json& auths, const std::string& server, const std::string& path) {
  const json* entry = nullptr;
  if (auto it = auths.find(server); it != auths.end()) entry = &*it;
  if (!entry)
    for (const auto& [key, value] : auths.items())
      if (to_hostname(key) == to_hostname(server)) {
        entry = &value;
        break;
      }
  if (!entry || !entry->is_object()) return {};
  Credentials c;
  c.origin = "credentials from " + path + " auths";
  std::string auth = entry->value("auth", std::string());
  if (!auth.empty()) {
    std::string decoded;
    try {
      decoded = base64_decode(auth);
    } catch (const InputError&) {
      throw InputError(path + ": auths." + server + ".auth is not base64");
    }
    auto colon = decoded.find(':');
    if (colon == std::string::npos) throw InputError(path + ": auths." + server + ".auth is not base64 of user:password");
    c.username = decoded.substr(0, colon);
    c.password = decoded.substr(colon + 1);
  } else {
    c.username = entry->value("username", std::string());
    c.password = entry->value("password", std::string());
  }
  c.identity_token = entry->value("identitytoken", std::string());
  return c;
}

}  // namespace

Credentials find_credentials(const std::string& domain, const Options& options) {
  if (!options.credentials.empty()) {
    auto colon = options.credentials.find(':');
    Credentials c;
    c.origin = "the given credentials";  // wording: "<origin> refused"
    c.username = options.credentials.substr(0, colon);
    if (colon != std::string::npos) c.password = options.credentials.substr(colon + 1);
    return c;
  }
  const std::string server = domain == "docker.io" ? kHubServer : domain;
  const std::string path = config_path(options);
  if (path.empty()) return {};
  std::ifstream in(path);
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  json config = json::parse(text.str(), nullptr, false);
  if (!config.is_object()) throw InputError(path + ": malformed JSON");
  if (auto helpers = config.find("credHelpers"); helpers != config.end() && helpers->is_object()) {
    auto it = helpers->find(server);
    if (it == helpers->end()) it = helpers->find(domain);
    if (it != helpers->end() && it->is_string()) return from_helper(it->get<std::string>(), server);
  }
  if (auto store = config.find("credsStore"); store != config.end() && store->is_string() &&
                                              !store->get<std::string>().empty())
    return from_helper(store->get<std::string>(), server);
  if (auto auths = config.find("auths"); auths != config.end() && auths->is_object())
    return from_auths(*auths, server, path);
  return {};
}

}  // namespace ballast::image::registry
