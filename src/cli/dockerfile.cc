#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/command.h"
#include "util/error.h"

namespace ballast::cli {

// Placeholder until the dockerfile subcommand lands.
Runner setup_dockerfile(CLI::App& sub) {
  return [] {
    std::fprintf(stderr, "ballast: 'dockerfile' is not implemented yet\n");
    return kExitBadInput;
  };
}

}  // namespace ballast::cli
