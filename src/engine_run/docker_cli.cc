#include "engine_run/docker_cli.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "engine_run/process.h"
#include "util/error.h"

namespace ballast::engine_run {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t start = s.find_first_not_of(" \n");
  return start == std::string::npos ? std::string() : s.substr(start);
}

}  // namespace

LoadOutcome parse_load_output(const std::string& out) {
  LoadOutcome r;
  std::istringstream in(out);
  std::string line;
  const std::string tag = "Loaded image: ", id = "Loaded image ID: ";
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.starts_with(id)) r.image_id = trim(line.substr(id.size()));
    else if (line.starts_with(tag)) r.tags.push_back(trim(line.substr(tag.size())));
  }
  return r;
}

DockerCli::Result DockerCli::docker(std::vector<std::string> args, double timeout_seconds) const {
  args.insert(args.begin(), program_);
  ProcessResult r = run_process(args, {"DOCKER_BUILDKIT=1"}, std::size_t{16} << 20, timeout_seconds);
  return {r.exit_code, std::move(r.out), std::move(r.err), r.timed_out};
}

// Named, so that a container can be found and removed whatever its client
// did (killed at a timeout; docker run -d prints no id when start fails).
std::string DockerCli::container_name() {
  return "ballast-verify-" + std::to_string(::getpid()) + "-" + std::to_string(++containers_);
}

void DockerCli::check_reachable() {
  Result r = docker({"version", "--format", "{{.Server.Version}}"});
  if (r.exit_code != 0) {
    std::string why = last_lines(r.err, 1);
    throw InputError("the container engine is unreachable (" + program_ + " version): " +
                     (why.empty() ? "exit " + std::to_string(r.exit_code) : why));
  }
}

RunOutcome DockerCli::run(const std::string& image, const std::string& command, double timeout_seconds) {
  std::string name = container_name();
  Result r = docker({"run", "--rm", "--name", name, image, "sh", "-c", command}, timeout_seconds);
  // The killed client leaves its container running: stop it here.
  if (r.timed_out) remove_container(name);
  return RunOutcome{false, r.exit_code, std::move(r.out), std::move(r.err), r.timed_out, ""};
}

std::string DockerCli::start(const std::string& image, RunOutcome& failed) {
  std::string name = container_name();
  Result r = docker({"run", "-d", "--name", name, image});
  if (r.exit_code == 0) return trim(r.out);
  // docker run's own exit code (125: the engine refused, 126/127: the
  // command cannot run), as `docker run --rm` would have reported it.
  failed = RunOutcome{false, r.exit_code, "", std::move(r.err), false, ""};
  remove_container(name);
  return "";
}

RunOutcome DockerCli::observe(const std::string& container) {
  Result state = docker({"inspect", "--format", "{{.State.Running}} {{.State.ExitCode}}", container});
  if (state.exit_code != 0) throw InputError("docker inspect " + container + ": " + last_lines(state.err, 1));
  RunOutcome out;
  std::string s = trim(state.out);
  out.running = s.starts_with("true");
  auto space = s.find(' ');
  if (space != std::string::npos) out.exit_code = std::atoi(s.c_str() + space + 1);
  Result logs = docker({"logs", container});
  out.out = std::move(logs.out);
  out.err = std::move(logs.err);
  return out;
}

bool DockerCli::has_healthcheck(const std::string& image) {
  // `{{json}}` prints null without one; HEALTHCHECK NONE is Test ["NONE"].
  Result r = docker({"image", "inspect", "--format", "{{json .Config.Healthcheck}}", image});
  if (r.exit_code != 0) throw InputError("docker image inspect " + image + ": " + last_lines(r.err, 1));
  std::string s = trim(r.out);
  return !s.empty() && s != "null" && s.find("\"NONE\"") == std::string::npos && s.find("\"Test\"") != std::string::npos;
}

std::string DockerCli::health(const std::string& container) {
  Result r = docker({"inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container});
  return r.exit_code == 0 ? trim(r.out) : "";
}

std::string DockerCli::image_id(const std::string& reference) {
  Result r = docker({"image", "inspect", "--format", "{{.Id}}", reference});
  return r.exit_code == 0 ? trim(r.out) : "";
}

LoadOutcome DockerCli::load(const std::string& archive) {
  Result r = docker({"load", "-i", archive});
  if (r.exit_code != 0) throw InputError("docker load -i " + archive + ": " + last_lines(r.err, 1));
  LoadOutcome out = parse_load_output(r.out);
  if (out.reference().empty()) throw InputError("docker load -i " + archive + " named no image: " + last_lines(r.out, 1));
  return out;
}

LoadOutcome DockerCli::load_stream(const std::string& what, const std::function<void(int fd)>& write) {
  ProcessResult r = run_process_fed({program_, "load"}, write, {"DOCKER_BUILDKIT=1"});
  if (r.exit_code != 0) throw InputError("docker load of " + what + ": " + last_lines(r.err, 1));
  LoadOutcome out = parse_load_output(r.out);
  if (out.reference().empty()) throw InputError("docker load of " + what + " named no image: " + last_lines(r.out, 1));
  return out;
}

void DockerCli::remove_container(const std::string& container) { docker({"rm", "-f", container}); }

void DockerCli::remove_image(const std::string& image) { docker({"rmi", image}); }

void DockerCli::sleep(double seconds) { std::this_thread::sleep_for(std::chrono::duration<double>(seconds)); }

}  // namespace ballast::engine_run
