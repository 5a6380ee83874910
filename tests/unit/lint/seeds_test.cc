// The Dockerfiles quoted in ../shared/seeds/ (our users' guides), extracted
// into fixtures/. For each, the size rules (BA1xxx) expected by reading the
// Dockerfile against docs/rules.md: the multi-stage and cache-mount examples
// of seeds 002 and 003 must be clean of the size rules they follow (cache
// mounts, --no-install-recommends, --no-cache-dir, slim bases, build tools
// kept in builder stages).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "lint_test_util.h"

namespace ballast::lint {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/tests/unit/lint/fixtures/" + name);
  EXPECT_TRUE(in) << name;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> size_rules(const std::set<std::string>& ids) {
  std::set<std::string> out;
  for (const auto& id : ids) {
    if (id.starts_with("BA1")) out.insert(id);
  }
  return out;
}

struct SeedCase {
  const char* file;
  std::set<std::string> size;        // exactly these BA1xxx rules
  std::set<std::string> also;        // other rules that must fire
  std::set<std::string> never;       // other rules that must not fire
};

TEST(Seeds, Fixtures) {
  const SeedCase kCases[] = {
      {"seed000_multistage.Dockerfile", {}, {"BA4002"}, {"BA4008", "BA4018"}},
      {"seed002_cache_good.Dockerfile", {"BA1005"}, {}, {"BA2001", "BA2002"}},
      {"seed002_cache_bad.Dockerfile", {"BA1005"}, {"BA2001"}, {}},
      {"seed002_multistage.Dockerfile", {"BA1003"}, {"BA2004"}, {"BA4018"}},
      {"seed002_layers_good.Dockerfile", {"BA1001"}, {}, {"BA2004"}},
      {"seed002_layers_bad.Dockerfile", {"BA1001", "BA1002", "BA1003"}, {"BA2004"}, {}},
      {"seed003_core.Dockerfile", {"BA1011"}, {"BA3002"}, {"BA2001", "BA2003", "BA2005", "BA4005"}},
      {"seed003_cuda.Dockerfile", {"BA1011", "BA1013"}, {}, {"BA2001", "BA2003", "BA2005"}},
      {"seed003_build_args.Dockerfile", {"BA1013"}, {}, {"BA3005", "BA3006", "BA4007", "BA4013"}},
      {"seed004_multistage.Dockerfile", {}, {}, {"BA4019"}},
      {"seed004_cleanup.Dockerfile", {}, {}, {}},
      {"seed004_layers.Dockerfile", {"BA1001"}, {}, {}},
      {"seed004_alpine.Dockerfile", {}, {}, {}},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.file);
    auto found = testing::ids(testing::lint(fixture(c.file)));
    EXPECT_EQ(size_rules(found), c.size);
    for (const auto& id : c.also) EXPECT_TRUE(found.count(id)) << id;
    for (const auto& id : c.never) EXPECT_FALSE(found.count(id)) << id;
  }
}

}  // namespace
}  // namespace ballast::lint
