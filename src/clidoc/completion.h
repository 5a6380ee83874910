// Shell completion scripts (bash, zsh, fish) for a command line described by
// cli_model.h: subcommands, options, the values of options that take one of
// a fixed set, files, and for positionals that name an image the output of
// `image_command` (the caller's listing of local images, which must be quick
// and bounded: it runs on every <Tab>).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "clidoc/cli_model.h"

namespace ballast::clidoc {

enum class Shell { kBash, kZsh, kFish };

std::optional<Shell> parse_shell(std::string_view name);

struct CompletionInfo {
  std::string image_command;  // a shell command printing one image name a line; "" for none
};

void render_completion(Shell shell, const CommandDoc& root, const CompletionInfo& info, std::ostream& out);

}  // namespace ballast::clidoc
