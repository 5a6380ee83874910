// `ballast completion bash|zsh|fish` prints a completion script and the hidden
// `ballast help-man` prints ballast.1; both are rendered (src/clidoc) from the
// very CLI11 definitions main.cc parses with, so they cannot drift from --help.
// The build runs both to install them (cmake/ship.cmake).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/man_sections.h"
#include "clidoc/cli_model.h"
#include "clidoc/completion.h"
#include "clidoc/man_page.h"
#include "util/error.h"
#include "util/version.h"

namespace ballast::cli {
namespace {

const CLI::App& root_of(const CLI::App& sub) {
  const CLI::App* app = &sub;
  while (app->get_parent() != nullptr) app = app->get_parent();
  return *app;
}

// Local engine images for IMAGE arguments: bounded by `timeout` so a slow or
// absent daemon never stalls a <Tab>; dangling <none> names are useless.
constexpr const char* kImageCommand =
    "command -v docker >/dev/null 2>&1 && timeout 2 docker images --format '{{.Repository}}:{{.Tag}}' "
    "| grep -v '<none>'";

}  // namespace

Runner setup_completion(CLI::App& sub) {
  auto shell = std::make_shared<std::string>();
  sub.add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  sub.footer(
      "bash: source <(ballast completion bash)\n"
      "zsh:  ballast completion zsh > \"${fpath[1]}/_ballast\"\n"
      "fish: ballast completion fish > ~/.config/fish/completions/ballast.fish");
  CLI::App* self = &sub;
  return [shell, self]() -> int {
    auto doc = clidoc::describe(root_of(*self));
    clidoc::CompletionInfo info{kImageCommand};
    clidoc::render_completion(*clidoc::parse_shell(*shell), doc, info, std::cout);
    return kExitOk;
  };
}

Runner setup_help_man(CLI::App& sub) {
  sub.group("");  // hidden: a build step, not a user command
  CLI::App* self = &sub;
  return [self]() -> int {
    auto doc = clidoc::describe(root_of(*self));
    clidoc::ManInfo info = man_sections();
    info.source = std::string("ballast ") + kVersion;
    clidoc::render_man(doc, info, std::cout);
    return kExitOk;
  };
}

}  // namespace ballast::cli
