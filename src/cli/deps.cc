#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/command.h"
#include "util/error.h"

namespace ballast::cli {

// Placeholder until the deps subcommand lands.
Runner setup_deps(CLI::App& sub) {
  return [] {
    std::fprintf(stderr, "ballast: 'deps' is not implemented yet\n");
    return kExitBadInput;
  };
}

}  // namespace ballast::cli
