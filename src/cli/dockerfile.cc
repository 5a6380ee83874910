// `ballast dockerfile dump FILE`: the parse as BuildKit's parser tests print
// it. A parse error is bad input (exit 2, one line `file:line:col: message`).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "util/error.h"

namespace ballast::cli {

Runner setup_dockerfile(CLI::App& sub) {
  sub.require_subcommand(1);
  CLI::App* dump = sub.add_subcommand("dump", "Print the parsed instructions in BuildKit's dump format");
  auto file = std::make_shared<std::string>();
  dump->add_option("file", *file, "The Dockerfile ('-' for stdin)")->required();
  return [file] {
    const dockerfile::ParsedDockerfile parsed = dockerfile::parse_dockerfile_file(*file);
    const std::string text = dockerfile::dump(parsed);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  };
}

}  // namespace ballast::cli
