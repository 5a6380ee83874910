// ballast's error policy, one rule per kind of problem:
//  - Bad input (a corrupt archive, a malformed Dockerfile, a missing file) is an
//    InputError: thrown inside the library, caught once at the CLI boundary and
//    printed as one line on stderr with exit code 2.
//  - Findings (waste, lint violations, unused packages) are data, never errors.
//  - Programming errors assert.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace ballast {

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  // `hint` is printed after the message on the same line ("did you mean ...").
  InputError(const std::string& message, std::string hint)
      : std::runtime_error(message), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitBadInput = 2;

}  // namespace ballast
