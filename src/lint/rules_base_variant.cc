// BA1013: the final image starts from a full official image where a slim
// variant exists. Sizes (linux/amd64, compressed): python:3.12 ~370 MB vs
// python:3.12-slim ~45 MB; node:20 ~380 MB vs node:20-slim ~70 MB; golang
// ~280 MB for a toolchain a static binary does not need at run time;
// nvidia/cuda *-devel is several GB larger than *-runtime.
#include <array>
#include <string>

#include "lint/checks.h"
#include "lint/image_ref.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

struct Variant {
  std::string_view image;
  std::string_view suggestion;  // %s = the tag
};

constexpr std::array<Variant, 12> kVariants = {{
    {"python", "python:{tag}-slim (or -alpine)"},
    {"node", "node:{tag}-slim (or -alpine)"},
    {"ruby", "ruby:{tag}-slim (or -alpine)"},
    {"perl", "perl:{tag}-slim"},
    {"debian", "debian:{tag}-slim"},
    {"php", "php:{tag}-alpine"},
    {"elixir", "elixir:{tag}-slim (or -alpine)"},
    {"openjdk", "eclipse-temurin:{tag}-jre (openjdk images are deprecated)"},
    {"eclipse-temurin", "eclipse-temurin:{tag}-jre"},
    {"golang", "a multi-stage build: compile in golang:{tag}, ship on gcr.io/distroless/static or alpine"},
    {"rust", "a multi-stage build: compile in rust:{tag}, ship on debian:bookworm-slim or distroless"},
    {"maven", "a multi-stage build: package in maven:{tag}, ship on eclipse-temurin:<version>-jre"},
}};

bool already_small(std::string_view tag) {
  for (std::string_view marker : {"slim", "alpine", "distroless", "jre", "nanoserver", "windowsservercore", "busybox"}) {
    if (tag.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

void check_base_variant(const LintInput& input, Sink& sink) {
  const dockerfile::Stage* root = input.final_root();
  if (!root || root->scratch || !root->base_error.empty() || root->from_instruction < 0) return;
  auto ref = parse_image_ref(root->base);
  if (!ref) return;
  // nvidia/cuda: -devel adds nvcc, headers and static libraries (several GB) to -runtime.
  if (ref->name() == "cuda" && ref->tag.find("devel") != std::string::npos) {
    std::string runtime = ref->tag;
    runtime.replace(runtime.find("devel"), 5, "runtime");
    sink.report("BA1013", input.inst(root->from_instruction),
                "full base image " + root->base + ": the -devel variant ships the CUDA toolchain",
                "compile in a -devel builder stage and ship on nvidia/cuda:" + runtime);
    return;
  }
  if (already_small(ref->tag)) return;
  for (const auto& v : kVariants) {
    if (ref->name() != v.image) continue;
    std::string tag = ref->tag.empty() ? "<version>" : ref->tag;
    std::string suggestion(v.suggestion);
    if (auto pos = suggestion.find("{tag}"); pos != std::string::npos) suggestion.replace(pos, 5, tag);
    sink.report("BA1013", input.inst(root->from_instruction),
                "full base image " + root->base + ": a smaller variant exists", "use " + suggestion);
    return;
  }
}

}  // namespace ballast::lint
