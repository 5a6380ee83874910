// BA3001/BA3002 (the image runs as root), BA3003 (secret-like ARG/ENV names,
// BuildKit's SecretsUsedInArgOrEnv: a name whose `_`-separated word is one of
// apikey auth credential(s) key password pword passwd secret token, unless a
// word is public/file/version), BA3004 (sudo), BA3007 (curl | sh).
#include <algorithm>
#include <array>
#include <span>
#include <string>

#include "lint/checks.h"
#include "lint/rule_util.h"
#include "lint/sink.h"

namespace ballast::lint {
namespace {

bool has_word(std::string_view key, std::span<const std::string_view> words) {
  std::string lower = to_lower(key);
  std::string_view rest = lower;
  while (true) {
    auto underscore = rest.find('_');
    std::string_view part = rest.substr(0, underscore);
    if (std::find(words.begin(), words.end(), part) != words.end()) return true;
    if (underscore == std::string_view::npos) return false;
    rest.remove_prefix(underscore + 1);
  }
}

}  // namespace

bool is_secret_key(std::string_view key) {
  static constexpr std::array<std::string_view, 10> kDeny = {
      "apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"};
  static constexpr std::array<std::string_view, 3> kAllow = {"public", "file", "version"};
  return has_word(key, kDeny) && !has_word(key, kAllow);
}

namespace {

bool is_root_user(std::string_view user) {
  std::string_view name = user.substr(0, user.find(':'));
  return name == "root" || name == "0";
}

bool is_interpreter(std::string_view prog) {
  static constexpr std::array<std::string_view, 10> kShells = {"sh", "bash", "zsh", "dash", "ash",
                                                               "ksh", "python", "perl", "ruby", "node"};
  return std::find(kShells.begin(), kShells.end(), prog) != kShells.end();
}

}  // namespace

void check_user(const LintInput& input, Sink& sink) {
  auto chain = input.final_chain();
  if (chain.empty()) return;
  int last_user = -1;
  for (int i : input.chain_instructions(chain.back())) {
    if (input.inst(i).keyword == "user") last_user = i;
  }
  if (last_user >= 0) {
    const auto& inst = input.inst(last_user);
    std::string user = inst.args.empty() ? "" : input.expand(last_user, inst.args[0]);
    if (is_root_user(user)) {
      sink.report("BA3001", inst, "last USER is " + user, "create an unprivileged user and end with USER <name>");
    }
    return;
  }
  const auto& root = input.model.stages[chain.front()];
  const auto& target = input.model.stages[chain.back()];
  if (root.scratch || root.base.find("nonroot") != std::string::npos || target.from_instruction < 0) return;
  sink.report("BA3002", input.inst(target.from_instruction), {},
              "add a user and switch to it: RUN useradd --create-home app (or adduser -D app), then USER app");
}

void check_secrets(const LintInput& input, Sink& sink) {
  for (const auto& inst : input.parsed.instructions) {
    if (inst.keyword != "arg" && inst.keyword != "env") continue;
    std::string upper = inst.keyword == "arg" ? "ARG" : "ENV";
    for (const auto& kv : dockerfile::key_values(inst)) {
      if (!is_secret_key(kv.key)) continue;
      sink.report("BA3003", inst,
                  "Do not use ARG or ENV instructions for sensitive data (" + upper + " \"" + kv.key + "\")",
                  "RUN --mount=type=secret,id=" + to_lower(kv.key) + " ... (docker build --secret)");
    }
  }
}

void check_shell_security(const LintInput& input, Sink& sink) {
  for_each_run(input, false, [&](int index, const RunInfo& run) {
    const auto& inst = input.inst(index);
    bool sudo_reported = false, pipe_reported = false;
    for (std::size_t k = 0; k < run.commands.size(); ++k) {
      const auto& words = run.commands[k].words;
      if (!sudo_reported && !words.empty() && words[0] == "sudo") {
        sink.report("BA3004", inst, {}, "drop sudo: RUN already runs as root (switch user with USER)");
        sudo_reported = true;
      }
      const Invocation& inv = run.invocations[k];
      bool fetch = inv.program == "curl" || inv.program == "wget";
      if (!pipe_reported && fetch && run.commands[k].separator == "|" && k + 1 < run.invocations.size() &&
          is_interpreter(run.invocations[k + 1].program)) {
        sink.report("BA3007", inst, inv.program + " piped into " + run.invocations[k + 1].program,
                    "download to a file, verify its checksum (sha256sum -c), then run it");
        pipe_reported = true;
      }
    }
    if (!pipe_reported) {
      for (std::string_view marker : {"$(curl", "$(wget", "<(curl", "<(wget", "`curl", "`wget"}) {
        if (run.script.find(marker) != std::string::npos) {
          sink.report("BA3007", inst, "remote script run through command substitution",
                      "download to a file, verify its checksum (sha256sum -c), then run it");
          break;
        }
      }
    }
  });
}

}  // namespace ballast::lint
