// Edit distances computed by hand (optimal string alignment: insert, delete,
// substitute, swap adjacent = 1 edit each).
#include <gtest/gtest.h>

#include <string_view>

#include "util/closest_name.h"

namespace ballast {
namespace {

TEST(ClosestName, DistanceCountsAnAdjacentSwapAsOneEdit) {
  EXPECT_EQ(edit_distance("fromat", "format"), 1u);   // swap r,o
  EXPECT_EQ(edit_distance("analyse", "analyze"), 1u); // s -> z
  EXPECT_EQ(edit_distance("sevrity", "severity"), 1u);  // insert e
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);  // the textbook Levenshtein example
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // OSA, not unrestricted Damerau (which gives 2)
}

TEST(ClosestName, SuggestsOnlyWhatIsClose) {
  const std::string_view commands[] = {"analyze", "check", "context", "deps", "diff", "lint"};
  EXPECT_EQ(closest_name("analyse", commands), "analyze");
  EXPECT_EQ(closest_name("lnit", commands), "lint");
  EXPECT_EQ(closest_name("contxt", commands), "context");
  EXPECT_EQ(closest_name("build", commands), "");  // nothing near: no guess
  EXPECT_EQ(closest_name("dep", commands), "deps");
  // A third of the length: two edits in a 4-letter word is too far.
  EXPECT_EQ(closest_name("difs", commands), "diff");
  EXPECT_EQ(closest_name("dufs", commands), "");
  const std::string_view flags[] = {"--format", "--top", "--output"};
  EXPECT_EQ(closest_name("--fromat", flags), "--format");
  EXPECT_EQ(closest_name("--tpo", flags), "--top");
}

}  // namespace
}  // namespace ballast
