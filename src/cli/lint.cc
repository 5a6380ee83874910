#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/command.h"
#include "util/error.h"

namespace ballast::cli {

// Placeholder until the lint subcommand lands.
Runner setup_lint(CLI::App& sub) {
  return [] {
    std::fprintf(stderr, "ballast: 'lint' is not implemented yet\n");
    return kExitBadInput;
  };
}

}  // namespace ballast::cli
