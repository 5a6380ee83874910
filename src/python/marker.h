// PEP 508 environment markers ("python_version < '3.11' and sys_platform ==
// 'linux'"): parsed to check they are well formed, and evaluated for the
// image ballast reasons about (CPython on Linux, a given Python version), so
// that `pywin32; sys_platform == "win32"` is known not to be installed.
#pragma once

#include <string>
#include <string_view>

namespace ballast::python {

// Kleene three-valued logic: variables we cannot know (platform_machine,
// extra, ...) make a comparison unknown rather than false.
enum class Tri { kFalse, kTrue, kUnknown };

struct MarkerEnvironment {
  std::string python_version = "3.11";  // "X.Y"
  std::string sys_platform = "linux";
  std::string os_name = "posix";
  std::string platform_system = "Linux";
  std::string implementation_name = "cpython";
  std::string platform_python_implementation = "CPython";
};

// Empty string when `marker` is well formed, else what is wrong.
std::string check_marker(std::string_view marker);

// kUnknown as well when the marker cannot be parsed.
Tri evaluate_marker(std::string_view marker, const MarkerEnvironment& env);

}  // namespace ballast::python
