// Built-in knowledge about PyPI projects, used when no image tells the truth:
//  - distribution -> import names where they differ (scikit-learn -> sklearn);
//  - console commands -> distribution (gunicorn, `celery -A`, torchrun -> torch);
//  - development/test tools that do not belong in a production image (DEP004);
//  - packages commonly loaded without an import (plugins, drivers) so an
//    "unused" verdict on them is softened;
//  - a small Requires-Dist graph of popular projects, for transitive-only
//    imports (DEP003).
// Tables are sorted by key; a test checks they are and that keys are PEP 503
// normalised. Names below are facts of the projects' own metadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ballast::python {

// Import names (top-level, possibly dotted for namespace packages such as
// "google.protobuf") of a normalised distribution name, and whether they come
// from the table (false) or are a guess from the name (true).
struct ImportNames {
  std::vector<std::string> names;
  bool guessed = false;
};
ImportNames import_names_for(std::string_view normalized);

// The distribution that most likely provides top-level module `module`
// (the reverse of the table, else the module name itself, normalised).
std::string distribution_for_module(std::string_view module);

// The distribution providing console command `command` ("uvicorn", "torchrun"),
// or "" when it is not a known Python command.
std::string_view distribution_for_command(std::string_view command);

bool is_dev_tool(std::string_view normalized);

// Why a package may be used without any import ("loaded by SQLAlchemy from a
// database URL"), or "" when nothing is known.
std::string_view implicit_use_reason(std::string_view normalized);

// Known direct dependencies (Requires-Dist, without extras) of a distribution.
std::vector<std::string> known_dependencies(std::string_view normalized);

// Number of entries of the import-name table (the issue asks for 60+).
std::size_t import_name_table_size();

// For the table tests: each table's keys in order.
std::vector<std::string_view> import_table_keys();
std::vector<std::string_view> command_table_keys();
std::vector<std::string_view> dependency_table_keys();

}  // namespace ballast::python
