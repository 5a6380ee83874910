// The largest sent files and directories of analyze_context: biggest first,
// ties broken by path, excluded entries never listed (sizes chosen by hand).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "context/analysis.h"
#include "temp_tree.h"

namespace ballast::context {
namespace {

class Largest : public TempTreeTest {};

std::vector<std::string> paths(const std::vector<SizeItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.path + "=" + std::to_string(i.bytes));
  return out;
}

TEST_F(Largest, BiggestFirstTiesByPathExcludedLeftOut) {
  write(".dockerignore", "big.bin\n");
  write("big.bin", std::string(900, 'x'));  // excluded: never listed
  write("b/two", std::string(50, 'x'));
  write("a/one", std::string(50, 'x'));     // same size as b/two: "a/one" sorts first
  write("a/c/three", std::string(50, 'x'));
  write("a/four", std::string(70, 'x'));
  write("z", std::string(10, 'x'));
  write("y", std::string(10, 'x'));
  ContextOptions options;
  options.top = 3;
  ContextReport r = analyze_context(root_, options);
  EXPECT_EQ(paths(r.largest_files), (std::vector<std::string>{"a/four=70", "a/c/three=50", "a/one=50"}));
  // a = 70 + 50 + 50; b = 50; a/c = 50 (tie with b: "a/c" < "b").
  EXPECT_EQ(paths(r.largest_dirs), (std::vector<std::string>{"a=170", "a/c=50", "b=50"}));

  options.top = 10;  // more rows than entries: all of them, same order
  r = analyze_context(root_, options);
  EXPECT_EQ(paths(r.largest_files),
            (std::vector<std::string>{"a/four=70", "a/c/three=50", "a/one=50", "b/two=50", "y=10", "z=10",
                                      ".dockerignore=8"}));
}

}  // namespace
}  // namespace ballast::context
