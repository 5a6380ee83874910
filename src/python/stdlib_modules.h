// The standard library's top-level module names for CPython 3.8 to 3.13, so
// that `import json` never counts as a dependency and `asyncio` in
// requirements.txt is reported (DEP005). Source: `sys.stdlib_module_names` of
// CPython 3.10-3.13 (built from Python/stdlib_module_names.h, all platforms);
// 3.8/3.9, which lack it, are 3.10's list with the modules 3.10 removed
// (formatter, parser, symbol, _peg_parser, _bootlocale) and without those 3.9
// added (graphlib, zoneinfo, _zoneinfo, _aix_support, _bootsubprocess),
// plus dummy_threading/_dummy_thread (removed in 3.9).
#pragma once

#include <optional>
#include <string_view>

namespace ballast::python {

// Supported range of `--python-version` (3.X).
inline constexpr int kMinPythonMinor = 8;
inline constexpr int kMaxPythonMinor = 13;
inline constexpr int kDefaultPythonMinor = 11;

// "3.11" -> 11; nullopt when not 3.8..3.13.
std::optional<int> parse_python_version(std::string_view text);

// Is `top_level` (no dots) a standard library module of Python 3.`minor`?
bool is_stdlib_module(std::string_view top_level, int minor);

// Every name of any supported version (for tests and docs).
std::size_t stdlib_table_size();

}  // namespace ballast::python
