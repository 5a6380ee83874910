// .dockerignore patterns (context/ignore_file.h, matcher.h): the file read
// into rules (BuildKit's and Docker 20.10's matchers), each then matched
// against a few paths and asked the directory-skipping questions the walker
// asks. Input: "<.dockerignore>\0<path>\0<path>...".
#include "context/ignore_file.h"
#include "context/matcher.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  auto parts = fuzz::split_parts(fuzz::as_text(data, size), 8);
  std::vector<std::string> paths(parts.begin() + 1, parts.end());
  for (const char* p : {"a", "a/b/c.txt", "node_modules/x", ".git/HEAD", "docs/README.md"}) paths.emplace_back(p);
  for (bool legacy : {false, true}) {
    fuzz::expect_clean([&] {
      auto m = context::Matcher::from_file_content(parts[0], ".dockerignore", legacy);
      for (const auto& p : paths) {
        m.matches_or_parent_matches(p);
        legacy ? m.can_skip_excluded_dir_legacy(p) : m.can_skip_excluded_dir(p);
      }
    });
  }
  return 0;
}
