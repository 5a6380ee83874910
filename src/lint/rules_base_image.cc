// BA3005 (no tag), BA3006 (:latest), BA3008 (registry not trusted: hadolint
// DL3026, only with lint.trusted_registries). The base is read after ARG
// expansion (`FROM ${IMAGE}` with a default resolves first); bases that name
// an earlier stage, scratch, or that do not expand are skipped.
#include <algorithm>
#include <string>

#include "lint/checks.h"
#include "lint/image_ref.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

// A trusted entry is a registry host, a host/path prefix, or a glob of them
// (`*.example.com`, `*`); Docker Hub images are docker.io.
bool trusted_ref(const ImageRef& ref, const std::vector<std::string>& trusted) {
  std::string registry = ref.registry.empty() ? "docker.io" : ref.registry;
  std::string full = registry + "/" + ref.repository;
  return std::any_of(trusted.begin(), trusted.end(), [&](const std::string& t) {
    return t == registry || path_within(full, t) || glob_match(t, registry) ||
           (registry == "docker.io" && (t == "index.docker.io" || t == "registry-1.docker.io"));
  });
}

void report_untrusted(const std::string& what, const std::string& image, const ImageRef& ref,
                      const std::vector<std::string>& trusted, const dockerfile::Instruction& inst, Sink& sink) {
  std::string registry = ref.registry.empty() ? "docker.io" : ref.registry;
  sink.report("BA3008", inst, what + " " + image + " comes from " + registry + ", not a trusted registry (" +
                                  join(trusted, ", ") + ")",
              "pull it through a trusted registry or add the registry to lint.trusted_registries");
}

}  // namespace

void check_base_image(const LintInput& input, Sink& sink) {
  const auto& trusted = input.config.trusted_registries;
  for (const auto& stage : input.model.stages) {
    if (stage.parent >= 0 || stage.scratch || !stage.base_error.empty() || stage.from_instruction < 0) continue;
    if (stage.base.find('$') != std::string::npos || stage.base.empty()) continue;
    auto ref = parse_image_ref(stage.base);
    if (!ref) continue;  // BA4013 / BuildKit report invalid names
    const auto& inst = input.inst(stage.from_instruction);
    if (ref->tag.empty() && ref->digest.empty()) {
      sink.report("BA3005", inst, "base image " + stage.base + " has no tag: it means :latest",
                  "pin a version tag (and ideally @sha256:digest)");
    } else if (ref->tag == "latest" && ref->digest.empty()) {
      sink.report("BA3006", inst, "base image " + stage.base + " uses :latest",
                  "pin a version tag (and ideally @sha256:digest)");
    }
    if (!trusted.empty() && !trusted_ref(*ref, trusted)) {
      report_untrusted("base image", stage.base, *ref, trusted, inst, sink);
    }
  }
  if (trusted.empty()) return;
  // COPY --from=<image> and RUN --mount=from=<image> pull images too.
  for (const auto& stage : input.model.stages) {
    for (const auto& r : stage.refs) {
      if (r.stage >= 0 || r.index_error || r.instruction < 0 || r.ref.find('$') != std::string::npos) continue;
      auto ref = parse_image_ref(r.ref);
      if (!ref || trusted_ref(*ref, trusted)) continue;
      report_untrusted(r.kind == dockerfile::StageRef::Kind::kCopyFrom ? "COPY --from image" : "RUN --mount from image",
                       r.ref, *ref, trusted, input.inst(r.instruction), sink);
    }
  }
}

}  // namespace ballast::lint
