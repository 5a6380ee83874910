// A shell command seen as "program + arguments", the shape every shell-aware
// rule matches on: wrappers skipped (sudo, env), the program reduced to its
// basename and normalised (`python3 -m pip` and `pip3` are "pip"), the
// subcommand found past options (`apt-get -y install` -> "install").
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/shell_split.h"

namespace ballast::lint {

struct Invocation {
  std::string program;                 // "apt-get", "pip", "npm", "" if none
  std::vector<std::string_view> args;  // words after the program
  std::string_view sub;                // first non-option argument, "" if none
  std::vector<std::string_view> operands;  // non-option arguments after `sub`

  // `--flag`, `--flag=value`, or a short flag inside a bundle (`-yq` has `-y`).
  bool has_flag(std::string_view flag) const;
  bool has_any_flag(std::initializer_list<std::string_view> flags) const;
  // The value of `--flag value` / `--flag=value` / `-f value`; "" if absent.
  std::string_view flag_value(std::string_view flag) const;
  bool is(std::string_view prog, std::string_view subcommand) const {
    return program == prog && sub == subcommand;
  }
};

Invocation invocation_of(const dockerfile::ShellCommand& command);

// `npm ci`, or `npm install`/`npm i` without package names and not global:
// the install of package.json's whole tree (devDependencies included).
bool npm_installs_manifest(const Invocation& inv);
// `yarn` or `yarn install` without package names: the same for Yarn.
bool yarn_installs_manifest(const Invocation& inv);
// Yarn 1's `--production` (or `--prod`, `=true`): dependencies only.
bool yarn_omits_dev(const Invocation& inv);

// useradd, adduser, groupadd or addgroup: creates a user or group account.
bool creates_account(const Invocation& inv);

// apt-get or apt (one command line for the same lists and archives).
bool is_apt(const Invocation& inv);
// `apt-get install` / `apt install`.
bool apt_install(const Invocation& inv);

// npm (but not its housekeeping: `cache`, `prune`, `config`, which run no
// package code), npx, yarn, pnpm or node: a command that may run a package
// of node_modules, a devDependency among them.
bool runs_node_tooling(const Invocation& inv);

}  // namespace ballast::lint
