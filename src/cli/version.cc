// `ballast version [--format text|json]`: what this binary is and what it
// links (about/build_info.h), for bug reports. `--version` prints the same text.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "about/build_info.h"
#include "cli/command.h"
#include "report/version_render.h"
#include "util/error.h"

namespace ballast::cli {

std::string version_text() {
  std::ostringstream out;
  report::render_version_text(about::build_info(), out);
  std::string text = out.str();
  if (!text.empty() && text.back() == '\n') text.pop_back();  // CLI11 adds the newline
  return text;
}

Runner setup_version(CLI::App& sub) {
  auto format = std::make_shared<std::string>("text");
  sub.add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  return [format]() -> int {
    auto info = about::build_info();
    if (*format == "json") report::render_version_json(info, std::cout);
    else report::render_version_text(info, std::cout);
    return kExitOk;
  };
}

}  // namespace ballast::cli
