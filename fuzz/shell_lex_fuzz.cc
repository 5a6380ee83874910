// The shell lexer (dockerfile/shell_lex.h: BuildKit's ProcessWord and
// ProcessWords): ${var:-default}, ${var#pattern}, quotes and escapes. The
// first byte picks the options and the escape character.
#include "dockerfile/env.h"
#include "dockerfile/shell_lex.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  dockerfile::LexOptions options;
  options.escape = mode & 1 ? '`' : '\\';
  options.skip_unset = mode & 2;
  options.raw_quotes = mode & 4;
  options.raw_escapes = mode & 8;
  options.skip_quotes = mode & 16;
  static const dockerfile::Env env{{"A", "a b"}, {"EMPTY", ""}, {"PATH", "/usr/bin:/bin"}, {"X", "${A}"}};
  const auto text = fuzz::as_text(data + 1, size - 1);
  fuzz::expect_clean([&] { dockerfile::expand(text, env, options); });
  fuzz::expect_clean([&] { dockerfile::expand_words(text, env, options); });
  return 0;
}
