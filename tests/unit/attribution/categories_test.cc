// The category table on its own: the built-in rules' answers for paths
// whose expected category is read off docs/attribution.md's table, asked in
// the orders that defeat per-directory and per-name shortcuts (a directory's
// files interleaved with its subdirectories and with other owners).
#include <gtest/gtest.h>

#include <string>
#include <unordered_set>

#include "attribution/categories.h"

namespace ballast::attribution {
namespace {

class CategoriesTest : public ::testing::Test {
 protected:
  std::string category(std::string_view path, const PackageInfo* package = nullptr, std::uint32_t package_id = ~0u,
                       bool base = false) {
    FileFacts f;
    f.path = path;
    f.package = package;
    f.package_id = package_id;
    f.base_layer = base;
    f.beside_files = &beside_;
    return table_.names()[table_.classify(f)];
  }
  CategoryTable table_;
  std::unordered_set<std::string> beside_;
};

PackageInfo package(Manager m, std::string name) {
  PackageInfo p;
  p.manager = m;
  p.name = std::move(name);
  return p;
}

TEST_F(CategoriesTest, BaseNameRulesMatchOnlyTheBaseName) {
  EXPECT_EQ(category("usr/lib/x86_64-linux-gnu/libcudart.so.12"), "gpu-libs");
  EXPECT_EQ(category("libcudart.so.12"), "gpu-libs");  // "**/" matches zero components
  EXPECT_EQ(category("usr/lib/libnppig.so.12"), "gpu-libs");
  EXPECT_EQ(category("usr/lib/libnppx.so.12"), "unknown");  // [cis] class
  // The name in a directory, not the file: no match.
  EXPECT_EQ(category("opt/libcudart.so.12/readme"), "unknown");
  EXPECT_EQ(category("opt/xlibcudart.so.12"), "unknown");
  EXPECT_EQ(category("srv/model.safetensors"), "ml-models");
  EXPECT_EQ(category("srv/a.safetensors/x"), "unknown");
}

TEST_F(CategoriesTest, DirectoryRulesKeepPackageConditionsPerFile) {
  const PackageInfo dev = package(Manager::kDpkg, "libfoo-dev");
  const PackageInfo numpy = package(Manager::kDpkg, "python3-numpy");
  const PackageInfo pip = package(Manager::kPython, "requests");
  // One directory, owners alternating file by file: the headers no package
  // owns are the toolchain's, owned ones go by their package.
  EXPECT_EQ(category("usr/include/a.h"), "build-toolchain");
  EXPECT_EQ(category("usr/include/b.h", &numpy, 1), "language-runtime");
  EXPECT_EQ(category("usr/include/c.h"), "build-toolchain");
  EXPECT_EQ(category("usr/include/d.h", &dev, 0), "build-toolchain");
  EXPECT_EQ(category("usr/include/e.txt", &numpy, 1), "language-runtime");
  EXPECT_EQ(category("usr/include/f.txt"), "build-toolchain");
  // A subdirectory between files of its parent.
  EXPECT_EQ(category("usr/share/doc/x/copyright", &numpy, 1), "docs");
  EXPECT_EQ(category("usr/share/doc/x/tests/y", &pip, 2), "docs");
  EXPECT_EQ(category("usr/share/doc/x/changelog", nullptr, ~0u, true), "docs");
  EXPECT_EQ(category("usr/lib/python3/dist-packages/pkg/test/t.py", &numpy, 1), "tests");
  EXPECT_EQ(category("usr/lib/python3/dist-packages/pkg/m.py", &numpy, 1), "python-packages");
  EXPECT_EQ(category("usr/lib/python3/dist-packages/pkg/test/u.py"), "tests");
  EXPECT_EQ(category("usr/lib/python3/dist-packages/pkg/n.py"), "python-packages");
  EXPECT_EQ(category("usr/lib/python3/dist-packages/pkg/o.py", &pip, 2), "python-packages");
  // Back to the first directory after others.
  EXPECT_EQ(category("usr/include/g.h", &numpy, 1), "language-runtime");
  EXPECT_EQ(category("usr/include/h.h"), "build-toolchain");
}

TEST_F(CategoriesTest, FilesOfOneDirectoryByTheirOwnNames) {
  // Names that start and end alike, one rule for each.
  EXPECT_EQ(category("usr/lib/libcuda.so.1"), "gpu-libs");
  EXPECT_EQ(category("usr/lib/libc.so.6"), "unknown");
  EXPECT_EQ(category("usr/lib/libc.so.6", nullptr, ~0u, true), "os-base");
  EXPECT_EQ(category("usr/lib/libtorch_cuda.so"), "gpu-libs");
  EXPECT_EQ(category("usr/lib/libtorch.so"), "unknown");
  EXPECT_EQ(category("usr/lib/x.a"), "build-toolchain");
  EXPECT_EQ(category("usr/lib/x.pth"), "ml-models");
  const PackageInfo pip = package(Manager::kPython, "distutils-precedence");
  EXPECT_EQ(category("usr/lib/x.pth", &pip, 0), "python-packages");
  EXPECT_EQ(category("usr/local/bin/node"), "language-runtime");
  EXPECT_EQ(category("usr/local/bin/nodes"), "unknown");
}

TEST_F(CategoriesTest, BesideRuleSeesTheSiblingOfEachFile) {
  beside_.insert("srv/m/config.json");
  EXPECT_EQ(category("srv/m/pytorch_model.bin"), "ml-models");
  EXPECT_EQ(category("srv/n/pytorch_model.bin"), "unknown");
  EXPECT_EQ(category("srv/m/other.bin"), "ml-models");
}

TEST_F(CategoriesTest, UserRulesComeFirst) {
  CategoryTable t({{"data", "srv/**", "", "", LayerScope::kAny, ""},
                   {"libs", "**/lib*.so*", "", "", LayerScope::kAny, ""}});
  FileFacts f;
  f.path = "srv/libcudart.so.12";
  EXPECT_EQ(t.names()[t.classify(f)], "data");
  f.path = "opt/libcudart.so.12";
  EXPECT_EQ(t.names()[t.classify(f)], "libs");
  f.path = "opt/cudart.so.12";
  EXPECT_EQ(t.names()[t.classify(f)], "unknown");
}

}  // namespace
}  // namespace ballast::attribution
