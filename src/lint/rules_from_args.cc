// BuildKit checks about FROM lines: UndefinedArgInFrom (BA4007: a variable in
// FROM that no global ARG declares and that is not an automatic platform ARG),
// RedundantTargetPlatform (BA4012: --platform=$TARGETPLATFORM is the default),
// InvalidDefaultArgInFrom (BA4013: with only the ARG defaults, i.e. without
// --build-arg, the base expands to an empty or invalid image name).
#include <string>

#include "dockerfile/shell_lex.h"
#include "lint/checks.h"
#include "lint/image_ref.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

// What FROM lines expand with when no --build-arg is given.
dockerfile::Env default_global_env(const LintInput& input) {
  dockerfile::Env env = dockerfile::automatic_platform_args();
  for (const auto& arg : input.model.global_args) {
    if (!arg.default_raw) continue;
    try {
      env.set(arg.key, dockerfile::expand_word(*arg.default_raw, env));
    } catch (const InputError&) {
      env.set(arg.key, *arg.default_raw);
    }
  }
  return env;
}

}  // namespace

void check_from_args(const LintInput& input, Sink& sink) {
  dockerfile::Env defaults = default_global_env(input);
  for (const auto& stage : input.model.stages) {
    if (stage.from_instruction < 0) continue;
    const auto& from = input.inst(stage.from_instruction);
    for (const auto& name : stage.base_unmatched) {
      sink.report("BA4007", from, "FROM argument '" + name + "' is not declared",
                  "declare ARG " + name + "=<default> before the first FROM");
    }
    if (stage.platform_raw == "$TARGETPLATFORM" || stage.platform_raw == "${TARGETPLATFORM}") {
      sink.report("BA4012", from,
                  "Setting platform to predefined " + stage.platform_raw +
                      " in FROM is redundant as this is the default behavior",
                  "drop --platform");
    }
    if (stage.base_raw.find('$') == std::string::npos || !stage.base_unmatched.empty()) continue;
    std::string expanded;
    try {
      expanded = dockerfile::expand_word(stage.base_raw, defaults);
    } catch (const InputError&) {
      continue;  // BuildKit fails the build with its own error
    }
    if (input.model.find_stage(expanded) >= 0 && input.model.find_stage(expanded) < stage.index) continue;
    if (expanded == "scratch") continue;
    if (expanded.empty() || !parse_image_ref(expanded)) {
      sink.report("BA4013", from,
                  "Default value for ARG " + stage.base_raw + " results in empty or invalid base image name",
                  "give the ARG a default that names an image");
    }
  }
}

}  // namespace ballast::lint
