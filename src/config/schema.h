// The schema of .ballast.yaml: one section per command, each with its keys.
// The loader (config_file.h) checks a whole file against this table, so a
// misspelt key fails whichever command reads the file; each command's module
// then reads the values of its own section (lint/config.cc,
// report/analyze_config.cc, context/config.cc, python/deps_config.cc).
// A new section is one row here, its keys, a parser in its module and a
// part of docs/config.md (a test checks every key is documented there).
#pragma once

#include <span>
#include <string_view>

namespace ballast::config {

enum class ValueKind {
  kString,      // a scalar
  kStringList,  // a scalar or a list of scalars
  kCount,       // an integer >= 0
  kBool,
  kStringMap,   // scalar -> scalar
  kRuleList,    // a list of mappings (category rules)
};

struct KeySpec {
  std::string_view name;
  ValueKind kind;
};

struct SectionSpec {
  std::string_view name;
  std::span<const KeySpec> keys;  // in the order error messages list them
};

// Every section, sorted by name.
std::span<const SectionSpec> sections();

const SectionSpec* find_section(std::string_view name);
const KeySpec* find_key(const SectionSpec& section, std::string_view key);

// The known name closest to `name` (util/closest_name.h: at most 2 edits and
// a third of its length), or "" — for "did you mean" on a misspelt key or section.
std::string_view closest(std::string_view name, std::span<const std::string_view> known);

}  // namespace ballast::config
