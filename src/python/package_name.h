// Distribution names as pip compares them: PEP 503 normalisation ("Foo.Bar_baz"
// and "foo-bar-baz" are the same project) and the import-name spelling of a
// normalised name (PEP 503 name with '-' -> '_', as wheels name their folders).
#pragma once

#include <string>
#include <string_view>

namespace ballast::python {

// PEP 503: lower-case, and every run of '-', '_' or '.' becomes one '-'.
std::string normalize_name(std::string_view name);

// "python-dateutil" -> "python_dateutil": the module name a wheel of that
// project most often installs when no better mapping is known.
std::string guess_import_name(std::string_view normalized);

// True for a PEP 508 name: letters/digits, with '-', '_' or '.' inside.
bool is_valid_name(std::string_view name);

}  // namespace ballast::python
