#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/command.h"
#include "util/error.h"

namespace ballast::cli {

// Placeholder until the context subcommand lands.
Runner setup_context(CLI::App& sub) {
  return [] {
    std::fprintf(stderr, "ballast: 'context' is not implemented yet\n");
    return kExitBadInput;
  };
}

}  // namespace ballast::cli
