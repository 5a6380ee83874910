#include "dockerfile/parse_error.h"

#include <utility>

namespace ballast::dockerfile {

ParseError::ParseError(std::string file, int line, int column, std::string message)
    : ballast::InputError(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                          message),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)) {}

}  // namespace ballast::dockerfile
