#include "cli/usage_error.h"

#include <CLI/CLI.hpp>

#include <string_view>
#include <vector>

#include "util/closest_name.h"

namespace ballast::cli {
namespace {

// The options a word typed after `at` could have meant: its own and its parents'.
std::vector<std::string> option_names(const CLI::App* at) {
  std::vector<std::string> names;
  for (; at != nullptr; at = at->get_parent())
    for (const CLI::Option* o : at->get_options()) {
      for (const auto& l : o->get_lnames()) names.push_back("--" + l);
      for (const auto& s : o->get_snames()) names.push_back("-" + s);
    }
  return names;
}

std::string suggest(std::string_view word, const std::vector<std::string>& names) {
  std::vector<std::string_view> known(names.begin(), names.end());
  return std::string(closest_name(word, known));
}

}  // namespace

std::string usage_error_line(const CLI::App& app, const CLI::ParseError& e) {
  const std::string fallback = std::string(e.what()) + " (see --help)";
  // The deepest subcommand the words selected.
  const CLI::App* at = &app;
  while (!at->get_subcommands().empty()) at = at->get_subcommands().front();
  const std::string where = at == &app ? std::string() : at->get_name() + ": ";
  for (const std::string& word : app.remaining(true)) {
    if (word.size() > 1 && word[0] == '-') {
      const std::string flag = word.substr(0, word.find('='));
      const std::string best = suggest(flag, option_names(at));
      if (!best.empty()) return where + "unknown option '" + flag + "'; did you mean '" + best + "'?";
    } else if (at == &app) {
      std::vector<std::string> subs;
      for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; })) subs.push_back(s->get_name());
      const std::string best = suggest(word, subs);
      if (!best.empty()) return "unknown command '" + word + "'; did you mean '" + best + "'?";
      return "unknown command '" + word + "' (see --help)";
    }
  }
  return fallback;
}

}  // namespace ballast::cli
