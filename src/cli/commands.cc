#include "cli/command.h"

#include <array>

namespace ballast::cli {

std::span<const Command> commands() {
  static constexpr std::array kCommands = {
      Command{"analyze", "Where an image's bytes are, layer by layer, and which are waste", setup_analyze},
      Command{"explore", "Browse an image's layers, files, findings and packages in the terminal", setup_explore},
      Command{"lint", "Check Dockerfiles and Compose files for size, cache and security problems", setup_lint},
      Command{"fix", "Apply the safe fixes of lint findings to a Dockerfile (a diff, or --write)", setup_fix},
      Command{"dockerfile", "Dockerfile tools (dump the parse as BuildKit does)", setup_dockerfile},
      Command{"context", "What the build context sends, under .dockerignore", setup_context},
      Command{"diff", "What changed between two images (or saved reports): sizes, packages, files, config", setup_diff},
      Command{"slim", "Write the image without its reclaimable bytes (base layers kept, the rest squashed)", setup_slim},
      Command{"check", "Hold an image to size budgets and dive's CI rules (exit 1 when over)", setup_check},
      Command{"sbom", "The image's packages as a CycloneDX 1.5 or SPDX 2.3 SBOM (purl, licenses, layer, bytes)", setup_sbom},
      Command{"history", "Recorded runs of an image over time (--record on analyze and check)", setup_history},
      Command{"cache", "The layer cache: where it is, how big (info), least recently used out (prune)", setup_cache},
      Command{"deps", "Python requirements against the imports of the code", setup_deps},
      Command{"version", "The version, commit and linked library versions (for bug reports)", setup_version},
      Command{"completion", "Print a shell completion script (bash, zsh, fish)", setup_completion},
      Command{"help-man", "Print the man page (roff)", setup_help_man},
  };
  return kCommands;
}

}  // namespace ballast::cli
