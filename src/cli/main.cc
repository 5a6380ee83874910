// The public API is the command line: parse flags, call libballast, map errors
// to exit codes (util/error.h). Nothing here knows about images or Dockerfiles.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <new>
#include <exception>
#include <string>

#include "cli/command.h"
#include "cli/terminal.h"
#include "cli/usage_error.h"
#include "util/error.h"
#include "util/error_line.h"

namespace {

// Bad input is an InputError (exit 2, util/error.h); any other exception that
// reaches here is a bug of ours: "internal error" and exit 3, so that exit 2
// stays an honest "your input is wrong".
constexpr int kExitInternalError = 3;

}  // namespace

int main(int argc, char** argv) {
  // The name is fixed, not argv[0]: the man page and completions are rendered from this app.
  CLI::App app{"ballast: why your container image is big, what to do about it, and proof", "ballast"};
  app.set_version_flag("--version", ballast::cli::version_text, "Print the version, commit and library versions");
  app.require_subcommand(1);
  app.fallthrough(false);

  ballast::cli::Runner selected;
  for (const auto& command : ballast::cli::commands()) {
    CLI::App* sub = app.add_subcommand(command.name, command.summary);
    auto runner = command.setup(*sub);
    ballast::cli::add_color_flag(*sub);
    sub->callback([&selected, runner] { selected = runner; });
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Usage mistakes are bad input: one line, exit 2, like every other error.
    std::fprintf(stderr, "ballast: error: %s\n", ballast::cli::usage_error_line(app, e).c_str());
    return ballast::kExitBadInput;
  }

  try {
    return selected ? selected() : ballast::kExitOk;
  } catch (const ballast::InputError& e) {
    // Messages quote input; error_line keeps them on one line (util/error_line.h).
    if (e.hint().empty()) std::fprintf(stderr, "ballast: error: %s\n", ballast::error_line(e.what()).c_str());
    else
      std::fprintf(stderr, "ballast: error: %s; %s\n", ballast::error_line(e.what()).c_str(),
                   ballast::error_line(e.hint()).c_str());
    return ballast::kExitBadInput;
  } catch (const std::bad_alloc&) {
    // A limit (docs/limits.md) should have stopped the input first; this is
    // the backstop, worded for the user rather than as "std::bad_alloc".
    std::fprintf(stderr,
                 "ballast: error: out of memory reading the input (lower --max-memory or raise the "
                 "memory limit; see docs/limits.md)\n");
    return ballast::kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ballast: internal error: %s\n", ballast::error_line(e.what()).c_str());
    return kExitInternalError;
  }
}
