#include "fix/docker_engine.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "analysis/analyze.h"
#include "fix/process.h"
#include "util/error.h"

namespace ballast::fix {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  std::size_t start = s.find_first_not_of(" \n");
  return start == std::string::npos ? std::string() : s.substr(start);
}

}  // namespace

DockerCliEngine::Result DockerCliEngine::docker(std::vector<std::string> args, double timeout_seconds) const {
  args.insert(args.begin(), program_);
  ProcessResult r = run_process(args, {"DOCKER_BUILDKIT=1"}, std::size_t{16} << 20, timeout_seconds);
  return {r.exit_code, std::move(r.out), std::move(r.err), r.timed_out};
}

// Named, so that a container can be found and removed whatever its client
// did (killed at a timeout; docker run -d prints no id when start fails).
std::string DockerCliEngine::container_name() {
  return "ballast-verify-" + std::to_string(::getpid()) + "-" + std::to_string(++containers_);
}

void DockerCliEngine::check_reachable() {
  Result r = docker({"version", "--format", "{{.Server.Version}}"});
  if (r.exit_code != 0) {
    std::string why = last_lines(r.err, 1);
    throw InputError("the container engine is unreachable (" + program_ + " version): " +
                     (why.empty() ? "exit " + std::to_string(r.exit_code) : why));
  }
}

BuildOutcome DockerCliEngine::build(const BuildSpec& spec) {
  std::vector<std::string> args = {"build", "-q"};
  if (spec.no_cache) args.push_back("--no-cache");
  if (!spec.tag.empty()) args.insert(args.end(), {"-t", spec.tag});
  for (const auto& [k, v] : spec.build_args) args.insert(args.end(), {"--build-arg", k + "=" + v});
  if (spec.target) args.insert(args.end(), {"--target", *spec.target});
  args.insert(args.end(), {"-f", spec.dockerfile.string(), spec.context.string()});
  auto start = std::chrono::steady_clock::now();
  Result r = docker(args);
  BuildOutcome out;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.ok = r.exit_code == 0;
  out.log = r.err + r.out;
  // -q prints the image id alone on stdout.
  if (out.ok) out.image_id = last_lines(r.out, 1);
  return out;
}

ImageFigures DockerCliEngine::measure(const std::string& image) {
  analysis::AnalyzeRequest request;
  request.image = "docker-daemon:" + image;
  // Rates are only asked for the compressed size: the engine's layers are
  // plain tars, and the cost model estimates their gzip size (ISA-L).
  request.cost = cost::CostRates{};
  analysis::AnalyzeReport report = analysis::analyze(request);
  ImageFigures f;
  f.stored_bytes = report.image.stored_bytes;
  f.final_bytes = report.image.final_bytes;
  f.layers = report.image.layers.size();
  if (report.cost) {
    f.compressed_bytes = report.cost->compressed_bytes;
    f.compressed_estimated = report.cost->estimated || report.cost->uncompressed;
  }
  if (report.has_findings) f.findings = report.waste.findings;
  return f;
}

RunOutcome DockerCliEngine::run(const std::string& image, const std::string& command, double timeout_seconds) {
  std::string name = container_name();
  Result r = docker({"run", "--rm", "--name", name, image, "sh", "-c", command}, timeout_seconds);
  // The killed client leaves its container running: stop it here.
  if (r.timed_out) remove_container(name);
  return RunOutcome{false, r.exit_code, std::move(r.out), std::move(r.err), r.timed_out};
}

std::string DockerCliEngine::start(const std::string& image, RunOutcome& failed) {
  std::string name = container_name();
  Result r = docker({"run", "-d", "--name", name, image});
  if (r.exit_code == 0) return trim(r.out);
  // docker run's own exit code (125: the engine refused, 126/127: the
  // command cannot run), as `docker run --rm` would have reported it.
  failed = RunOutcome{false, r.exit_code, "", std::move(r.err)};
  remove_container(name);
  return "";
}

RunOutcome DockerCliEngine::observe(const std::string& container) {
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

void DockerCliEngine::remove_container(const std::string& container) { docker({"rm", "-f", container}); }

void DockerCliEngine::remove_image(const std::string& image) { docker({"rmi", image}); }

void DockerCliEngine::sleep(double seconds) {
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

}  // namespace ballast::fix
