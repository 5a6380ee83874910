// The one line printed for a usage mistake CLI11 caught: when the culprit is
// an unknown subcommand or option close to a real one, name it and suggest
// the real one (util/closest_name.h), else CLI11's own message.
#pragma once

#include <string>

namespace CLI {
class App;
class ParseError;
}  // namespace CLI

namespace ballast::cli {

std::string usage_error_line(const CLI::App& app, const CLI::ParseError& e);

}  // namespace ballast::cli
