// Tar names resolved as containerd and moby resolve them. Expected values are
// Go's path.Clean("/" + name) with the leading "/" dropped (containerd's
// archive.go), worked out by hand; ".." above the root is moby's breakout.
#include <gtest/gtest.h>

#include "image/tar_path.h"

namespace ballast::image {
namespace {

std::string clean(std::string_view name) {
  std::string why;
  auto p = clean_tar_path(name, &why);
  return p ? *p : "error: " + why;
}

TEST(TarPath, NamesOtherBuildersWrite) {
  EXPECT_EQ(clean("/"), "");              // kaniko's first entry
  EXPECT_EQ(clean("./"), "");             // docker save of old engines, tar -C dir .
  EXPECT_EQ(clean("."), "");
  EXPECT_EQ(clean("./usr/.."), "");       // a ".." that stays inside
  EXPECT_EQ(clean("/etc/x"), "etc/x");    // ko, absolute names
  EXPECT_EQ(clean("./etc/x"), "etc/x");
  EXPECT_EQ(clean("//etc///x/"), "etc/x");
  EXPECT_EQ(clean("usr/lib/../bin/sh"), "usr/bin/sh");
  EXPECT_EQ(clean("a/./b/."), "a/b");
  EXPECT_EQ(clean("etc/x"), "etc/x");
}

TEST(TarPath, ClimbingAboveTheRootIsAnError) {
  EXPECT_EQ(clean(".."), "error: path escapes the root (..)");
  EXPECT_EQ(clean("../x"), "error: path escapes the root (..)");
  EXPECT_EQ(clean("/../x"), "error: path escapes the root (..)");
  EXPECT_EQ(clean("a/../../x"), "error: path escapes the root (..)");
  EXPECT_EQ(clean(std::string_view("a\0b", 3)), "error: name holds a NUL byte");
}

TEST(TarPath, SymlinkTargetsResolveLikeTheKernel) {
  EXPECT_EQ(resolve_link_target("usr/bin", "python3.11"), "usr/bin/python3.11");
  EXPECT_EQ(resolve_link_target("usr/bin", "../lib/x"), "usr/lib/x");
  EXPECT_EQ(resolve_link_target("usr/bin", "/etc/x"), "etc/x");  // absolute: from the root
  EXPECT_EQ(resolve_link_target("a", "../../../x"), "x");        // ".." at the root stays there
  EXPECT_EQ(resolve_link_target("", "."), "");
}

}  // namespace
}  // namespace ballast::image
