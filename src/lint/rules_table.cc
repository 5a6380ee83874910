#include "lint/rule.h"

#include <algorithm>
#include <array>

namespace ballast::lint {
namespace {

using model::Severity;

constexpr auto kError = Severity::kError;
constexpr auto kWarn = Severity::kWarning;
constexpr auto kInfo = Severity::kInfo;

// Keep sorted by id; docs/rules.md has one section per entry. Severity is the
// consequence: error when the build fails or is wrong (BA4022: BuildKit
// cannot copy an excluded source), warning for bytes or risk, info for
// style alone (casing, `ENV k v`) so the default threshold never fails CI on it.
constexpr std::array kRules = {
    // --- size ---
    RuleInfo{"BA1001", kWarn, "apt-get install without --no-install-recommends", "DL3015", ""},
    RuleInfo{"BA1002", kWarn, "apt lists are not removed in the RUN that downloads them", "DL3009", ""},
    RuleInfo{"BA1003", kWarn, "apt-get update in a different RUN than apt-get install", "", ""},
    RuleInfo{"BA1004", kWarn, "apt-get upgrade/dist-upgrade in a Dockerfile", "DL3005", ""},
    RuleInfo{"BA1005", kWarn, "pip install without --no-cache-dir", "DL3042", ""},
    RuleInfo{"BA1006", kWarn, "apk add without --no-cache", "DL3019", ""},
    RuleInfo{"BA1007", kInfo, "npm install instead of npm ci", "", ""},
    RuleInfo{"BA1008", kWarn, "npm/yarn cache is not cleaned in the RUN that fills it", "DL3060", ""},
    RuleInfo{"BA1009", kWarn, "files removed in a later RUN than the one that created them", "", ""},
    RuleInfo{"BA1010", kWarn, "RUN chown/chmod -R after COPY duplicates the copied bytes", "", ""},
    RuleInfo{"BA1011", kWarn, "compilers or development packages installed in the final stage", "", ""},
    RuleInfo{"BA1012", kInfo, "single-stage build that compiles: the toolchain ships in the image", "", ""},
    RuleInfo{"BA1013", kInfo, "full base image where a slim variant exists", "", ""},
    RuleInfo{"BA1014", kWarn, "ADD of a URL or local archive: its whole content stays in a layer", "", ""},
    RuleInfo{"BA1015", kWarn, "torch/tensorflow installed with GPU wheels in an image with no GPU base", "", ""},
    RuleInfo{"BA1016", kWarn, "pip install of development/test tools in the final stage", "", ""},
    RuleInfo{"BA1017", kWarn, "yum/dnf/zypper install without cleaning the package cache", "DL3032 DL3040 DL3036", ""},
    RuleInfo{"BA1018", kWarn, "npm installs devDependencies into the final image", "", ""},
    // --- cache ---
    RuleInfo{"BA2001", kWarn, "whole build context copied before the dependency install step", "", ""},
    RuleInfo{"BA2002", kInfo, "dependency manifests copied together with source code", "", ""},
    RuleInfo{"BA2003", kInfo, "BuildKit-only features without a # syntax directive", "", ""},
    RuleInfo{"BA2004", kInfo, "consecutive RUN instructions could be merged", "DL3059", ""},
    RuleInfo{"BA2005", kInfo, "package downloads without a cache mount", "", ""},
    RuleInfo{"BA2006", kWarn, "no .dockerignore while the context holds .git, node_modules or a venv", "", ""},
    // --- security ---
    RuleInfo{"BA3001", kWarn, "last USER is root", "DL3002", ""},
    RuleInfo{"BA3002", kInfo, "no USER in the final stage: the container runs as root", "", ""},
    RuleInfo{"BA3003", kWarn, "ARG/ENV name suggests a secret", "", "SecretsUsedInArgOrEnv"},
    RuleInfo{"BA3004", kWarn, "sudo in RUN", "DL3004", ""},
    RuleInfo{"BA3005", kWarn, "base image without a tag or digest", "DL3006", ""},
    RuleInfo{"BA3006", kWarn, "base image uses the latest tag", "DL3007", ""},
    RuleInfo{"BA3007", kWarn, "remote script piped into a shell", "", ""},
    RuleInfo{"BA3008", kError, "base image from a registry that is not trusted", "DL3026", ""},
    // --- correctness (BuildKit checks and friends) ---
    RuleInfo{"BA4001", kInfo, "stage name should be lowercase", "", "StageNameCasing"},
    RuleInfo{"BA4002", kInfo, "'as' and 'FROM' keywords' casing do not match", "", "FromAsCasing"},
    RuleInfo{"BA4003", kError, "duplicate stage name", "DL3024", "DuplicateStageName"},
    RuleInfo{"BA4004", kError, "stage name is reserved", "", "ReservedStageName"},
    RuleInfo{"BA4005", kWarn, "JSON arguments recommended for CMD/ENTRYPOINT", "DL3025", "JSONArgsRecommended"},
    RuleInfo{"BA4006", kWarn, "MAINTAINER is deprecated", "DL4000", "MaintainerDeprecated"},
    RuleInfo{"BA4007", kWarn, "FROM uses an undeclared ARG", "", "UndefinedArgInFrom"},
    RuleInfo{"BA4008", kWarn, "usage of an undefined variable", "", "UndefinedVar"},
    RuleInfo{"BA4009", kWarn, "relative WORKDIR", "DL3000", "WorkdirRelativePath"},
    RuleInfo{"BA4010", kWarn, "CMD/ENTRYPOINT/HEALTHCHECK used more than once in a stage", "DL4003 DL4004 DL3012",
             "MultipleInstructionsDisallowed"},
    RuleInfo{"BA4011", kInfo, "legacy 'key value' format", "", "LegacyKeyValueFormat"},
    RuleInfo{"BA4012", kInfo, "FROM --platform=$TARGETPLATFORM is redundant", "", "RedundantTargetPlatform"},
    RuleInfo{"BA4013", kError, "default ARG value gives an empty or invalid base image", "",
             "InvalidDefaultArgInFrom"},
    RuleInfo{"BA4014", kInfo, "EXPOSE protocol should be lowercase", "", "ExposeProtoCasing"},
    RuleInfo{"BA4015", kWarn, "EXPOSE with an IP address or host-port mapping", "", "ExposeInvalidFormat"},
    RuleInfo{"BA4016", kWarn, "empty continuation line", "", "NoEmptyContinuation"},
    RuleInfo{"BA4017", kInfo, "instruction casing differs from the majority", "", "ConsistentInstructionCasing"},
    RuleInfo{"BA4018", kError, "COPY --from names a stage that is not defined before it", "DL3022 DL3023", ""},
    RuleInfo{"BA4019", kError, "COPY --from source cannot exist in the referenced stage", "", ""},
    RuleInfo{"BA4020", kInfo, "no HEALTHCHECK in the final stage", "DL3057", "", false},
    RuleInfo{"BA4021", kInfo, "ADD of plain local files: use COPY", "DL3020", ""},
    RuleInfo{"BA4022", kError, "COPY/ADD/RUN --mount source excluded by .dockerignore", "", "CopyIgnoredFile"},
    RuleInfo{"BA4023", kError, "COPY/ADD/RUN --mount source missing from the build context", "", ""},
    // --- Compose files (src/compose/, docs/compose.md) ---
    RuleInfo{"BA6001", kWarn, "privileged: true gives the container every capability and the host's devices", "", ""},
    RuleInfo{"BA6002", kWarn, "network_mode: host shares the host's network stack", "", ""},
    RuleInfo{"BA6003", kWarn, "the Docker socket is mounted into the container", "", ""},
    RuleInfo{"BA6004", kWarn, "secret-like environment variable with its value written in the compose file", "", ""},
    RuleInfo{"BA6005", kWarn, "image without a tag or with the latest tag", "", ""},
    RuleInfo{"BA6006", kInfo, "long-running service without a healthcheck", "", ""},
    RuleInfo{"BA6007", kInfo, "service builds without build.cache_from", "", ""},
    RuleInfo{"BA6008", kInfo, "data or model bind mount is read-write where nothing writes it", "", ""},
    RuleInfo{"BA6009", kWarn, "directory copied into the image is hidden by a volume mounted on its path", "", ""},
};

constexpr bool sorted_unique() {
  for (std::size_t i = 1; i < kRules.size(); ++i) {
    if (!(kRules[i - 1].id < kRules[i].id)) return false;
  }
  return true;
}
static_assert(sorted_unique(), "kRules must be sorted by id, ids unique");

}  // namespace

std::span<const RuleInfo> rules() { return kRules; }

const RuleInfo* find_rule(std::string_view id) {
  auto it = std::lower_bound(kRules.begin(), kRules.end(), id,
                             [](const RuleInfo& r, std::string_view key) { return r.id < key; });
  return it != kRules.end() && it->id == id ? &*it : nullptr;
}

std::vector<const RuleInfo*> rules_for_hadolint(std::string_view dl) {
  std::vector<const RuleInfo*> out;
  if (dl.empty()) return out;
  for (const auto& r : kRules) {
    std::string_view list = r.hadolint;
    while (!list.empty()) {
      auto space = list.find(' ');
      if (list.substr(0, space) == dl) {
        out.push_back(&r);
        break;
      }
      if (space == std::string_view::npos) break;
      list.remove_prefix(space + 1);
    }
  }
  return out;
}

const RuleInfo* find_rule_by_buildkit(std::string_view name) {
  if (name.empty()) return nullptr;
  for (const auto& r : kRules) {
    if (r.buildkit == name) return &r;
  }
  return nullptr;
}

}  // namespace ballast::lint
