#include "clidoc/cli_model.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>

namespace ballast::clidoc {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// IsMember's check describes itself as "{a,b,c}" inside the type name
// ("TEXT:{text,json}"): the accepted values, in the order given.
std::vector<std::string> choices_of(const std::string& type_name) {
  std::vector<std::string> out;
  auto open = type_name.find('{');
  auto close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string list = type_name.substr(open + 1, close - open - 1);
  size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string value_name_of(const std::string& type_name) {
  return type_name.substr(0, type_name.find(':'));
}

}  // namespace

CommandDoc describe(const CLI::App& app) {
  CommandDoc doc;
  doc.name = app.get_name();
  doc.summary = app.get_description();
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;  // hidden
    std::string type_name = opt->get_type_name();
    if (opt->nonpositional()) {
      OptionDoc o;
      o.short_names = opt->get_snames();
      o.long_names = opt->get_lnames();
      if (opt->get_items_expected_max() > 0) {
        o.value_name = value_name_of(type_name);
        o.choices = choices_of(type_name);
      }
      o.help = opt->get_description();
      doc.options.push_back(std::move(o));
    } else if (opt->get_positional()) {
      PositionalDoc p;
      p.name = opt->get_name(true);
      p.help = opt->get_description();
      p.required = opt->get_required();
      p.repeatable = opt->get_items_expected_max() > 1;
      p.names_image = lower(p.name).find("image") != std::string::npos ||
                      lower(p.help).find("image") != std::string::npos;
      doc.positionals.push_back(std::move(p));
    }
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    doc.subcommands.push_back(describe(*sub));
  }
  return doc;
}

}  // namespace ballast::clidoc
