// The Dockerfile parser (dockerfile/parser.h), its dump, and the whole lint
// pipeline on what it parsed: stages, ARG/ENV expansion, RUN shell
// splitting, every rule.
#include "dockerfile/dump.h"
#include "dockerfile/parser.h"
#include "fuzz_input.h"
#include "lint/linter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  fuzz::expect_clean([&] {
    auto parsed = dockerfile::parse_dockerfile(fuzz::as_text(data, size));
    dockerfile::dump(parsed);
    lint::LintOptions options;
    options.build_args = {{"VERSION", "1.0"}, {"BASE", "debian:12"}};
    lint::lint_parsed(parsed, options);
  });
  return 0;
}
