// BuildKit's UndefinedVar (BA4008): a $variable in an instruction BuildKit
// expands itself (ADD COPY ENV EXPOSE LABEL STOPSIGNAL USER VOLUME WORKDIR,
// ARG defaults, COPY/ADD --chown/--chmod/--from) that no ARG/ENV of the stage
// defines. RUN/CMD are left to the shell. BuildKit also knows the base
// image's ENV; we do not, so for stages on an image the usual variables of
// official images (PATH, HOME, PYTHON_VERSION ...) are assumed defined.
#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "dockerfile/shell_lex.h"
#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

bool expands_words(std::string_view kw) {
  static constexpr std::array<std::string_view, 9> kExpanding = {
      "add", "copy", "expose", "stopsignal", "user", "volume", "workdir", "env", "label"};
  return std::find(kExpanding.begin(), kExpanding.end(), kw) != kExpanding.end();
}

bool base_image_var(std::string_view name) {
  static constexpr std::array<std::string_view, 36> kKnown = {
      "PATH", "HOME", "HOSTNAME", "LANG", "LC_ALL", "LANGUAGE", "TERM", "TZ", "USER", "SHELL", "PWD",
      "LD_LIBRARY_PATH", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION",
      "PYTHON_GET_PIP_URL", "GPG_KEY", "NODE_VERSION", "YARN_VERSION", "GOLANG_VERSION", "GOPATH",
      "GOTOOLCHAIN", "JAVA_HOME", "JAVA_VERSION", "RUBY_VERSION", "GEM_HOME", "BUNDLE_PATH", "CARGO_HOME",
      "RUSTUP_HOME", "RUST_VERSION", "PHP_VERSION", "PHP_INI_DIR", "CUDA_VERSION", "VIRTUAL_ENV", "MAVEN_HOME"};
  if (std::find(kKnown.begin(), kKnown.end(), name) != kKnown.end()) return true;
  return name.starts_with("NVIDIA_") || name.starts_with("NV_") || name.starts_with("CUDA_") ||
         name.starts_with("CONDA");
}

int edit_distance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int prev = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

// BuildKit suggests the closest defined name ("did you mean $X?").
std::string suggestion(std::string_view name, const dockerfile::Env& env) {
  std::string best;
  int best_d = 3;
  for (const auto& [key, value] : env.entries()) {
    int d = to_lower(key) == to_lower(name) ? 0 : edit_distance(name, key);
    if (d < best_d && d <= static_cast<int>(name.size()) / 2) {
      best_d = d;
      best = key;
    }
  }
  return best;
}

}  // namespace

void check_undefined_var(const LintInput& input, Sink& sink) {
  dockerfile::Env platform = dockerfile::automatic_platform_args();
  for (const auto& stage : input.model.stages) {
    bool on_image = !input.model.stages[input.root_stage[stage.index]].scratch;
    for (int index : stage.instructions) {
      const auto& inst = input.inst(index);
      const dockerfile::Env* env = input.env_at(index);
      if (!env) continue;
      std::vector<std::string> texts;
      if (inst.keyword == "env" || inst.keyword == "label" || inst.keyword == "arg") {
        for (const auto& kv : dockerfile::key_values(inst)) {
          if (kv.value) texts.push_back(*kv.value);
        }
      } else if (expands_words(inst.keyword)) {
        if (!inst.heredocs.empty()) continue;  // bodies are not expanded by the frontend
        texts = inst.args;
        for (std::string_view flag : {"chown", "chmod", "from"}) {
          if (auto v = dockerfile::flag_value(inst, flag)) texts.push_back(*v);
        }
      } else {
        continue;
      }
      std::set<std::string> reported;
      for (const auto& text : texts) {
        if (text.find('$') == std::string::npos) continue;
        dockerfile::Expansion result;
        try {
          dockerfile::LexOptions options;
          options.escape = input.parsed.escape;
          result = dockerfile::expand(text, *env, options);
        } catch (const InputError&) {
          continue;
        }
        for (const auto& name : result.unmatched) {
          if (platform.contains(name) || input.model.find_stage(name) >= 0) continue;
          if (on_image && base_image_var(name)) continue;
          if (!reported.insert(name).second) continue;
          std::string msg = "Usage of undefined variable '$" + name + "'";
          std::string near = suggestion(name, *env);
          if (!near.empty()) msg += " (did you mean $" + near + "?)";
          sink.report("BA4008", inst, msg, "declare ARG " + name + " (or ENV) in this stage before using it");
        }
      }
    }
  }
}

}  // namespace ballast::lint
