// build_tree(): sums, dominant attributes and folding, on trees small enough
// to compute by hand (each expectation's arithmetic is in its comment).
#include "report/html_tree.h"

#include <gtest/gtest.h>

namespace ballast::report {
namespace {

TreeItem file(std::string_view path, std::uint64_t bytes, std::int32_t layer) {
  TreeItem t;
  t.path = path;
  t.bytes = bytes;
  t.attrs[0] = layer;
  return t;
}

TreeItem dir(std::string_view path) {
  TreeItem t;
  t.path = path;
  t.directory = true;
  return t;
}

TEST(HtmlTree, FoldsAllButTheBiggestChildrenOfEachDirectory) {
  // a/x 100 (L1), a/y 50 (L2), a/z 30 (L2), a/w 10 (L1), b 5 (L0), empty c/.
  const std::vector<TreeItem> items = {file("a/w", 10, 1), file("a/x", 100, 1), file("b", 5, 0), dir("c"),
                                       file("a/z", 30, 2), file("a/y", 50, 2), dir("a")};
  const TreeNode root = build_tree(items, 2);
  // root: a 190 + b 5 + c 0 = 195 bytes, 5 files; 3 children > 2: a, b kept, c folded.
  EXPECT_EQ(root.bytes, 195u);
  EXPECT_EQ(root.files, 5u);
  // Layer bytes below the root: L1 100+10 = 110, L2 50+30 = 80, L0 5.
  EXPECT_EQ(root.attrs[0], 1);
  // a: x, y kept; z + w = 40 bytes in 2 files folded, L2 (30) over L1 (10).
  const std::string expected =
      R"(["",195,5,[1],[["a",190,4,[1],[["x",100,1,[1]],["y",50,1,[2]],["[2 others]",40,2,[2],0]]],)"
      R"(["b",5,1,[0]],["[1 other]",0,0,[-1],0]]])";
  EXPECT_EQ(tree_to_json(root, 1).dump(), expected);
}

TEST(HtmlTree, NoLimitKeepsEverythingAndMakesMissingParents) {
  // Only d/e/f is named: d and d/e are made. Zero limit: nothing folds.
  const TreeNode root = build_tree({file("d/e/f", 7, 3), file("g", 7, 4)}, 0);
  EXPECT_EQ(tree_to_json(root, 1).dump(),
            R"(["",14,2,[3],[["d",7,1,[3],[["e",7,1,[3],[["f",7,1,[3]]]]]],["g",7,1,[4]]]])");
  // Equal bytes: names decide the order (d before g) and the smaller value
  // the dominant attribute (L3 7 bytes vs L4 7 bytes -> 3).
}

TEST(HtmlTree, APathGivenTwiceIsTwoLeavesAndSlashesAreTrimmed) {
  // The reclaimable tree: /p hidden in layer 1 (4 B) and in layer 2 (6 B).
  const TreeNode root = build_tree({file("p", 4, 1), file("p", 6, 2), file("q/", 1, 0), file("", 9, 0)}, 0);
  EXPECT_EQ(tree_to_json(root, 1).dump(), R"(["",11,3,[2],[["p",6,1,[2]],["p",4,1,[1]],["q",1,1,[0]]]])");
}

TEST(HtmlTree, EveryDimensionHasItsOwnDominantValue) {
  TreeItem a = file("x/a", 10, 0), b = file("x/b", 3, 1), c = file("x/c", 4, 1);
  a.attrs[1] = 7;   // category of a
  b.attrs[1] = 8;
  c.attrs[1] = 8;   // category 8: 3+4 = 7 < 10
  b.attrs[2] = 5;   // only b and c have a package; a is unowned (-1 weighs nothing)
  c.attrs[2] = 6;
  const TreeNode root = build_tree({a, b, c}, 1);
  // Layer: L0 10 vs L1 7 -> 0; category: 7 (10) vs 8 (7) -> 7; package: 5 (3) vs 6 (4) -> 6.
  EXPECT_EQ(tree_to_json(root, 3).dump(),
            R"(["",17,3,[0,7,6],[["x",17,3,[0,7,6],[["a",10,1,[0,7,-1]],["[2 others]",7,2,[1,8,6],0]]]]])");
}

TEST(HtmlTree, FoldedDirectoriesBringTheirWholeWeight) {
  // r/big 50; r/s/t 3 and r/s/u 2 (a directory of 5 B, L9) folded with limit 1.
  const TreeNode root = build_tree({file("r/big", 50, 1), file("r/s/t", 3, 9), file("r/s/u", 2, 9)}, 1);
  ASSERT_EQ(root.children.size(), 1u);
  const TreeNode& r = root.children[0];
  ASSERT_EQ(r.children.size(), 2u);
  EXPECT_EQ(r.children[1].name, "[1 other]");
  EXPECT_EQ(r.children[1].bytes, 5u);
  EXPECT_EQ(r.children[1].files, 2u);
  EXPECT_EQ(r.children[1].folded, 1u);
  EXPECT_EQ(r.children[1].attrs[0], 9);
}

}  // namespace
}  // namespace ballast::report
