// The command-line interface as plain data, read from the CLI11 definitions
// the program parses with, so the man page and the shell completions are
// rendered from exactly what --help shows and cannot drift from it.
// Generic: nothing here names one of ballast's commands or flags.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ballast::clidoc {

struct OptionDoc {
  std::vector<std::string> short_names;  // "d" (without the dash)
  std::vector<std::string> long_names;   // "breakdown" (without the dashes)
  std::string value_name;                // "TEXT", "INT"; empty for a flag
  std::vector<std::string> choices;      // from an IsMember check: the values it accepts
  std::string help;
};

struct PositionalDoc {
  std::string name;  // "IMAGE", "files"
  std::string help;
  bool required = false;
  bool repeatable = false;
  // Completed with the local engine's images as well as files: a positional
  // whose name or help says it is an image (how the CLI names them).
  bool names_image = false;
};

struct CommandDoc {
  std::string name;  // the program's name at the root
  std::string summary;
  std::vector<OptionDoc> options;  // --help and --version included, as --help lists them
  std::vector<PositionalDoc> positionals;
  std::vector<CommandDoc> subcommands;  // hidden ones (an empty group) left out
};

// `app` as parsed: its visible options, positionals and subcommands, recursively.
CommandDoc describe(const CLI::App& app);

}  // namespace ballast::clidoc
