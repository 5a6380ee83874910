// The check of every numeric flag that counts something (--top, --threads,
// --last, ...): a whole number >= 0, in words a user reads. CLI11's own
// NonNegativeNumber prints "not in range 0.000000 to 1.797...e308", and
// without any check `--top -1` silently wrapped to 2^64-1.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace ballast::cli {

inline CLI::Validator count_validator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        bool digits = !value.empty();
        for (char c : value) digits = digits && c >= '0' && c <= '9';
        if (digits && value.size() <= 9) return {};
        if (digits) return "'" + value + "' is too large";
        return "expected a whole number of 0 or more, got '" + value + "'";
      },
      "");  // no type text: --help keeps "UINT"
}

}  // namespace ballast::cli
