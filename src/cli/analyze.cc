#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/command.h"
#include "util/error.h"

namespace ballast::cli {

// Placeholder until the analyze subcommand lands.
Runner setup_analyze(CLI::App& sub) {
  return [] {
    std::fprintf(stderr, "ballast: 'analyze' is not implemented yet\n");
    return kExitBadInput;
  };
}

}  // namespace ballast::cli
