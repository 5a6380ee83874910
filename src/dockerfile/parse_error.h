// The one error a Dockerfile can produce while parsing. It is an InputError
// (exit 2 at the CLI) whose message is one line, "Dockerfile:12:5: message",
// so editors and CI annotations can jump to it.
#pragma once

#include <string>

#include "util/error.h"

namespace ballast::dockerfile {

class ParseError : public ballast::InputError {
 public:
  ParseError(std::string file, int line, int column, std::string message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }      // 1-based
  int column() const { return column_; }  // 1-based, in bytes
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string message_;
};

}  // namespace ballast::dockerfile
