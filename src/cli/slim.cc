// `ballast slim IMAGE -o OUT`: write the image without the bytes nobody can
// see (docs/slim.md). The library does the work (slim/slim.h); this file
// turns flags into a SlimRequest and prints the result.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/command.h"
#include "cli/smoke_flags.h"
#include "cli/image_choice.h"
#include "cli/image_request.h"
#include "cli/registry_flags.h"
#include "engine_run/docker_cli.h"
#include "image/image_choice.h"
#include "report/json_writer.h"
#include "report/slim_report.h"
#include "report/slim_verify_render.h"
#include "slim/slim.h"
#include "slim/verify.h"
#include "util/error.h"

namespace ballast::cli {
namespace {

struct SlimArgs {
  std::string image;
  std::string output;
  std::string tag;
  ImageRequestArgs source;
  image::registry::Options registry;
  bool force = false;
  bool squash_all = false;
  bool keep_layers = false;
  std::string compression = "gzip";
  int level = -1;
  bool normalize_times = false;
  std::vector<std::string> drop, drop_path, keep_path;
  bool exact = false;
  std::string format = "text";
  bool verify = false;
  SmokeArgs smoke;
  bool keep = false;
};

std::vector<std::string> split_list(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      std::size_t comma = item.find(',', start);
      std::string part = item.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace

Runner setup_slim(CLI::App& sub) {
  auto args = std::make_shared<SlimArgs>();
  sub.add_option("IMAGE", args->image,
                 "The image: docker-archive, oci:DIR, oci-archive:FILE, the engine's NAME:TAG (docker-daemon:NAME) "
                 "or docker://REF")
      ->required();
  sub.add_option("-o,--output", args->output,
                 "Where to write: FILE or docker-archive:FILE (docker load), oci:DIR[:TAG], oci-archive:FILE[:TAG]")
      ->required();
  sub.add_option("--tag", args->tag, "NAME:TAG of the written image (docker-archive RepoTags, OCI ref name)");
  args->source.add_to(sub);
  add_registry_flags(sub, &args->registry);
  sub.add_flag("--force", args->force, "Replace OUT when it exists");
  CLI::Option* squash_all = sub.add_flag("--squash-all", args->squash_all, "Keep no base layer: squash every layer into one");
  sub.add_flag("--keep-layers", args->keep_layers,
               "Rewrite each layer above the base on its own (the same layers and history, without their waste)")
      ->excludes(squash_all);
  sub.add_option("--compression", args->compression, "The new layer's compression: gzip (ISA-L), zstd or none")
      ->check(CLI::IsMember({"gzip", "zstd", "none"}))
      ->capture_default_str();
  sub.add_option("--level", args->level, "Compression level (gzip 0-3, zstd 1-19)");
  sub.add_flag("--normalize-times", args->normalize_times,
               "Set every time in the new layer to SOURCE_DATE_EPOCH (else 0), for reproducible output");
  sub.add_option("--drop", args->drop,
                 "Also drop files of these categories: caches, docs, tests, build-toolchain, ..., pycache, static-libs");
  sub.add_option("--drop-path", args->drop_path, "Also drop paths matching GLOB (repeatable; ** spans directories)");
  sub.add_option("--keep-path", args->keep_path, "Never drop paths matching GLOB (wins over every drop)");
  sub.add_flag("--bytes", args->exact, "Exact byte counts instead of human units");
  sub.add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  sub.add_flag("--verify", args->verify,
               "Load the original and OUT (a docker-archive) into the engine (docker CLI), smoke-test both and "
               "re-analyze OUT: exit 1 when the slim image is broken");
  args->smoke.add_to(sub);
  sub.add_flag("--keep", args->keep, "With --verify: keep the images loaded instead of removing them");

  return [args, &sub] {
    if (!args->verify) {
      for (const char* name : {"--smoke", "--smoke-seconds", "--smoke-timeout", "--keep"})
        if (sub.count(name)) throw InputError(std::string(name) + ": only with --verify");
    }
    slim::SlimRequest request;
    const config::ConfigFile file = args->source.config_file();
    request.analyze = args->source.request(args->image, file);
    request.analyze.registry = args->registry;
    request.output = args->output;
    request.tag = args->tag;
    request.force = args->force;
    request.squash_all = args->squash_all;
    request.keep_layers = args->keep_layers;
    request.threads = request.analyze.threads;
    request.compression = args->compression == "zstd"   ? image::Compression::kZstd
                          : args->compression == "none" ? image::Compression::kNone
                                                        : image::Compression::kGzip;
    if (args->level >= 0) {
      const bool ok = request.compression == image::Compression::kGzip   ? args->level <= 3
                      : request.compression == image::Compression::kZstd ? args->level >= 1 && args->level <= 19
                                                                         : false;
      if (!ok) throw InputError("--level " + std::to_string(args->level) + " does not fit --compression " + args->compression);
      request.level = args->level;
    }
    if (args->normalize_times) {
      std::int64_t epoch = 0;
      if (const char* s = std::getenv("SOURCE_DATE_EPOCH"); s && *s) {
        char* end = nullptr;
        epoch = std::strtoll(s, &end, 10);
        if (*end != '\0' || epoch < 0) throw InputError(std::string("SOURCE_DATE_EPOCH is not a number: ") + s);
      }
      request.mtime = epoch;
    }
    request.drop.categories = split_list(args->drop);
    request.drop.drop_globs = args->drop_path;
    request.drop.keep_globs = args->keep_path;
    // Before anything is written: an output docker cannot load is refused.
    // So is an engine that does not answer.
    engine_run::DockerCli engine;
    if (args->verify) {
      slim::check_verifiable(request);
      engine.check_reachable();
    }
    slim::SlimResult result;
    try {
      result = slim::slim(request);
    } catch (const image::ImageChoiceError& e) {
      throw choose_image(e, "--image");
    } catch (const image::registry::AccessError& e) {
      throw word_access_error(e);
    }
    std::optional<slim::SlimVerifyReport> verified;
    if (args->verify) {
      slim::SlimVerifyRequest v;
      if (sub.count("--smoke")) v.smoke_command = args->smoke.command;
      v.smoke_seconds = args->smoke.seconds;
      v.smoke_timeout = args->smoke.timeout;
      v.keep = args->keep;
      verified = slim::verify(request, result, engine, v);
    }
    if (args->format == "json") {
      auto doc = report::slim_to_json(result);
      if (verified) doc["verify"] = report::slim_verify_to_json(*verified);
      report::write_json(doc, std::cout);
    } else {
      std::cout << report::render_slim_text(result, args->exact);
      if (verified) report::render_slim_verify_text(*verified, args->exact, std::cout);
    }
    if (verified && verified->broken) std::cerr << "ballast slim: slim image broken: " << verified->smoke.reason << '\n';
    return verified && !verified->passed ? kExitCheckFailed : kExitOk;
  };
}

}  // namespace ballast::cli
