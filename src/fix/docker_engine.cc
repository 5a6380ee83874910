#include "fix/docker_engine.h"

#include <chrono>

#include "analysis/analyze.h"
#include "engine_run/process.h"
#include "util/error.h"

namespace ballast::fix {

using engine_run::last_lines;

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

}  // namespace ballast::fix
