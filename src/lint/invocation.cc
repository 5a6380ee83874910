#include "lint/invocation.h"

#include <algorithm>
#include <array>

namespace ballast::lint {
namespace {

std::string_view basename(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// pip3, pip3.11 -> pip; python3.12 -> python.
std::string normalise(std::string_view prog) {
  for (std::string_view base : {"pip", "python", "npm", "yarn"}) {
    if (prog.starts_with(base)) {
      std::string_view rest = prog.substr(base.size());
      if (std::all_of(rest.begin(), rest.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; })) {
        return std::string(base);
      }
    }
  }
  return std::string(prog);
}

// Options that take a separate value word, so the value is not a subcommand.
bool takes_value(std::string_view program, std::string_view opt) {
  static constexpr std::array<std::string_view, 6> kApt = {"-o", "-c", "-t", "--option", "--config-file",
                                                           "--target-release"};
  static constexpr std::array<std::string_view, 11> kPip = {
      "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-r", "--requirement", "-c",
      "--constraint", "--target", "--cache-dir"};
  if (program == "apt-get" || program == "apt") return std::find(kApt.begin(), kApt.end(), opt) != kApt.end();
  if (program == "pip") return std::find(kPip.begin(), kPip.end(), opt) != kPip.end();
  if (program == "apk") return opt == "-X" || opt == "--repository" || opt == "-t" || opt == "--virtual";
  return false;
}

}  // namespace

bool Invocation::has_flag(std::string_view flag) const {
  bool short_flag = flag.size() == 2 && flag[0] == '-' && flag[1] != '-';
  for (std::string_view a : args) {
    if (a == "--") break;
    if (a == flag) return true;
    if (a.size() > flag.size() && a.starts_with(flag) && a[flag.size()] == '=') return true;
    if (short_flag && a.size() > 2 && a[0] == '-' && a[1] != '-' && a.find(flag[1]) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

bool Invocation::has_any_flag(std::initializer_list<std::string_view> flags) const {
  return std::any_of(flags.begin(), flags.end(), [this](std::string_view f) { return has_flag(f); });
}

std::string_view Invocation::flag_value(std::string_view flag) const {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a == flag && i + 1 < args.size()) return args[i + 1];
    if (a.size() > flag.size() && a.starts_with(flag) && a[flag.size()] == '=') return a.substr(flag.size() + 1);
  }
  return {};
}

Invocation invocation_of(const dockerfile::ShellCommand& command) {
  Invocation inv;
  std::size_t p = dockerfile::program_index(command);
  if (p >= command.words.size()) return inv;
  inv.program = normalise(basename(command.words[p]));
  std::size_t first = p + 1;
  // `python -m pip install ...` is pip.
  if (inv.program == "python" && first + 1 < command.words.size() && command.words[first] == "-m") {
    inv.program = normalise(command.words[first + 1]);
    first += 2;
  }
  for (std::size_t i = first; i < command.words.size(); ++i) inv.args.emplace_back(command.words[i]);
  bool found_sub = false;
  for (std::size_t i = 0; i < inv.args.size(); ++i) {
    std::string_view a = inv.args[i];
    if (a.starts_with('-') && a.size() > 1) {
      if (a.find('=') == std::string_view::npos && takes_value(inv.program, a)) ++i;
      continue;
    }
    if (!found_sub) {
      inv.sub = a;
      found_sub = true;
    } else {
      inv.operands.push_back(a);
    }
  }
  return inv;
}

bool npm_installs_manifest(const Invocation& inv) {
  return inv.program == "npm" && !inv.has_any_flag({"-g", "--global"}) &&
         (inv.sub == "ci" || ((inv.sub == "install" || inv.sub == "i") && inv.operands.empty()));
}

bool yarn_installs_manifest(const Invocation& inv) {
  // `yarn` alone is `yarn install`; `yarn global add` and `yarn add X` are not the manifest's install.
  return inv.program == "yarn" && (inv.sub.empty() || inv.sub == "install") && inv.operands.empty() &&
         !inv.has_any_flag({"--version", "-v", "--help", "-h"});
}

bool yarn_omits_dev(const Invocation& inv) {
  for (std::string_view a : inv.args) {
    if (a == "--") break;
    if (a == "--production" || a == "--prod" || a == "--production=true" || a == "--prod=true") return true;
  }
  return false;
}

bool creates_account(const Invocation& inv) {
  const std::string& p = inv.program;
  return p == "useradd" || p == "adduser" || p == "groupadd" || p == "addgroup";
}

bool is_apt(const Invocation& inv) { return inv.program == "apt-get" || inv.program == "apt"; }
bool apt_install(const Invocation& inv) { return is_apt(inv) && inv.sub == "install"; }

bool runs_node_tooling(const Invocation& inv) {
  if (inv.program == "npm") return inv.sub != "cache" && inv.sub != "prune" && inv.sub != "config";
  // `yarn cache clean` and a production install run no package's code.
  if (inv.program == "yarn")
    return inv.sub != "cache" && inv.sub != "config" && !(yarn_installs_manifest(inv) && yarn_omits_dev(inv));
  return inv.program == "npx" || inv.program == "pnpm" || inv.program == "node";
}

}  // namespace ballast::lint
