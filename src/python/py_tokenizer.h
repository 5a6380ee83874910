// A Python tokenizer good enough to find imports exactly: it knows every
// string form (single/triple quotes, r/b/u/f prefixes, f-string replacement
// fields nested the PEP 701 way), comments, backslash continuations and
// bracket nesting, so text inside strings and comments never looks like code.
// It groups tokens into logical lines (Python reference, "Lexical analysis",
// 2.1) with their indentation; it never fails: problems are reported with a
// line and the scan goes on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ballast::python {

enum class TokenKind { kName, kNumber, kString, kOp };

struct Token {
  TokenKind kind;
  std::string_view text;   // the source text of the token
  std::string_view value;  // strings: the literal body between the quotes
  bool fstring = false;    // an f-string: its value is not a constant
  int line = 0;            // 1-based line of the first character
};

struct LogicalLine {
  int indent = 0;  // columns, tabs to the next multiple of 8
  int line = 0;
  std::vector<Token> tokens;
};

struct TokenizeError {
  int line = 0;
  std::string message;
};

struct TokenizedSource {
  std::vector<LogicalLine> lines;
  std::vector<TokenizeError> errors;
};

// Tokens keep views into `source`: it must outlive the result.
TokenizedSource tokenize_python(std::string_view source);

}  // namespace ballast::python
