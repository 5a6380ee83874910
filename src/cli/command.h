// Subcommands live in a table (commands.cc); each one is a file of src/cli/
// that adds its options to a CLI11 subcommand and returns the function that
// runs it. The runner returns the process exit code (util/error.h).
#pragma once

#include <functional>
#include <span>
#include <string>

namespace CLI {
class App;
}

namespace ballast::cli {

using Runner = std::function<int()>;

struct Command {
  const char* name;
  const char* summary;
  Runner (*setup)(CLI::App& sub);
};

std::span<const Command> commands();

Runner setup_analyze(CLI::App& sub);
Runner setup_explore(CLI::App& sub);
Runner setup_lint(CLI::App& sub);
Runner setup_fix(CLI::App& sub);
Runner setup_dockerfile(CLI::App& sub);
Runner setup_context(CLI::App& sub);
Runner setup_deps(CLI::App& sub);
Runner setup_check(CLI::App& sub);
Runner setup_diff(CLI::App& sub);
Runner setup_slim(CLI::App& sub);
Runner setup_history(CLI::App& sub);
Runner setup_cache(CLI::App& sub);
Runner setup_sbom(CLI::App& sub);
Runner setup_version(CLI::App& sub);
Runner setup_completion(CLI::App& sub);
Runner setup_help_man(CLI::App& sub);

// `--version`'s text: the same as `ballast version` (cli/version.cc).
std::string version_text();

}  // namespace ballast::cli
