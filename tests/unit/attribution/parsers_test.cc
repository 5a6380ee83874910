// Package database parsers against hand-written databases in each format.
#include <gtest/gtest.h>

#include "attribution/apk_db.h"
#include "attribution/conda_db.h"
#include "attribution/dpkg_db.h"
#include "attribution/node_db.h"
#include "attribution/path_util.h"
#include "attribution/python_db.h"

namespace ballast::attribution {
namespace {

TEST(DpkgStatus, InstalledPackagesWithFacts) {
  const std::string status =
      "Package: libc6\n"
      "Status: install ok installed\n"
      "Priority: optional\n"
      "Section: libs\n"
      "Installed-Size: 12986\n"
      "Version: 2.36-9+deb12u4\n"
      "Description: GNU C Library\n"
      " Contains the standard libraries.\n"
      " .\n"
      "\n"
      "Package: oldpkg\n"
      "Status: deinstall ok config-files\n"
      "Installed-Size: 10\n"
      "\n"
      "Package: gcc-12\n"
      "Status: install ok installed\n"
      "Installed-Size: 70000\n";
  ParsedDb db = parse_dpkg_status(status, "var/lib/dpkg/status");
  ASSERT_EQ(db.packages.size(), 2u);
  EXPECT_EQ(db.packages[0].info.name, "libc6");
  EXPECT_EQ(db.packages[0].info.version, "2.36-9+deb12u4");
  EXPECT_EQ(db.packages[0].info.section, "libs");
  EXPECT_EQ(db.packages[0].info.priority, "optional");
  EXPECT_EQ(db.packages[0].info.declared_size, 12986u * 1024);
  EXPECT_EQ(db.packages[1].info.name, "gcc-12");
  EXPECT_TRUE(db.warnings.empty());
}

TEST(DpkgStatus, TruncatedAndGarbageLinesWarnOnce) {
  const std::string status =
      "Package: a\nStatus: install ok installed\n\ngarbage line\nmore garbage\nPackage: b\nStatus: install ok inst";
  ParsedDb db = parse_dpkg_status(status, "var/lib/dpkg/status");
  ASSERT_EQ(db.packages.size(), 1u);  // "b" was cut mid-Status: not known to be installed
  EXPECT_EQ(db.packages[0].info.name, "a");
  ASSERT_EQ(db.warnings.size(), 1u);
  EXPECT_EQ(db.warnings[0],
            "/var/lib/dpkg/status: line 4: not a 'Field: value' line (and 1 more bad lines); the files it would "
            "own are left [unowned]");
}

TEST(DpkgList, AbsolutePathsBecomeImagePaths) {
  std::vector<std::string> w;
  auto paths = parse_dpkg_list("/.\n/usr\n/usr/bin/ls\nrelative/bad\n/usr/share/doc/coreutils/copyright\n",
                               "var/lib/dpkg/info/coreutils.list", &w);
  EXPECT_EQ(paths, (std::vector<std::string>{"usr", "usr/bin/ls", "usr/share/doc/coreutils/copyright"}));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("/var/lib/dpkg/info/coreutils.list: line 4"), std::string::npos);
  EXPECT_EQ(dpkg_package_of_list("var/lib/dpkg/info/libc6:amd64.list"), "libc6");
  EXPECT_EQ(dpkg_package_of_list("var/lib/dpkg/status.d/tzdata.md5sums"), "tzdata");
}

TEST(DpkgMd5sums, DistrolessFileLists) {
  std::vector<std::string> w;
  auto paths = parse_dpkg_md5sums("0123456789abcdef0123456789abcdef  usr/share/zoneinfo/UTC\n",
                                  "var/lib/dpkg/status.d/tzdata.md5sums", &w);
  EXPECT_EQ(paths, (std::vector<std::string>{"usr/share/zoneinfo/UTC"}));
}

TEST(ApkInstalled, PackagesFilesAndSizes) {
  const std::string db =
      "C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\nS:383152\nI:622592\nT:the musl c library\n"
      "F:lib\nR:ld-musl-x86_64.so.1\na:0:0:755\nZ:Q1xyz=\nR:libc.musl-x86_64.so.1\n"
      "\n"
      "P:busybox\nV:1.36.1-r5\nI:950272\nF:bin\nR:busybox\nF:etc\nR:securetty\n";
  ParsedDb parsed = parse_apk_installed(db, "lib/apk/db/installed");
  ASSERT_EQ(parsed.packages.size(), 2u);
  EXPECT_EQ(parsed.packages[0].info.name, "musl");
  EXPECT_EQ(parsed.packages[0].info.version, "1.2.4-r2");
  EXPECT_EQ(parsed.packages[0].info.declared_size, 622592u);
  EXPECT_EQ(parsed.packages[0].files, (std::vector<std::string>{"lib/ld-musl-x86_64.so.1", "lib/libc.musl-x86_64.so.1"}));
  EXPECT_EQ(parsed.packages[1].files, (std::vector<std::string>{"bin/busybox", "etc/securetty"}));
  EXPECT_TRUE(parsed.warnings.empty());
}

TEST(PythonRecord, CsvWithQuotesAndScripts) {
  std::vector<std::string> w;
  auto rows = parse_record(
      "six.py,sha256=abc,34549\n\"odd,name.py\",sha256=def,10\n../../../bin/f2py,sha256=x,300\n"
      "six-1.16.0.dist-info/RECORD,,\n",
      "x/six-1.16.0.dist-info/RECORD", &w);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].path, "odd,name.py");
  EXPECT_EQ(rows[1].size, 10u);
  EXPECT_EQ(rows[2].path, "../../../bin/f2py");
  EXPECT_FALSE(rows[3].size.has_value());
  EXPECT_TRUE(w.empty());
}

TEST(PythonRecord, BadCsvWarnsAndKeepsGoodRows) {
  std::vector<std::string> w;
  auto rows = parse_record("a.py,sha256=1,5\nonly-one-field\n\"unterminated,sha256=2,6\n",
                           "site/a-1.dist-info/RECORD", &w);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("/site/a-1.dist-info/RECORD: line 2"), std::string::npos);
}

TEST(PythonMetadata, NameVersionRequires) {
  auto md = parse_core_metadata(
      "Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 2.0\nRequires-Dist: numpy>=1.20\nRequires-Dist: "
      "six\n\nName: not-a-header\n");
  EXPECT_EQ(md.name, "Foo_Bar");
  EXPECT_EQ(md.version, "2.0");
  EXPECT_EQ(md.requires_dist, (std::vector<std::string>{"numpy>=1.20", "six"}));
  EXPECT_EQ(normalize_dist_name("Foo_Bar..baz"), "foo-bar-baz");
  auto [n, v] = split_dist_dir_name("zope.interface-6.0-py3.11.egg-info");
  EXPECT_EQ(n, "zope.interface");
  EXPECT_EQ(v, "6.0");
}

TEST(Node, PackageDirectories) {
  EXPECT_EQ(node_package_dir("app/node_modules/lodash/package.json"), "app/node_modules/lodash");
  EXPECT_EQ(node_package_dir("app/node_modules/@babel/core/package.json"), "app/node_modules/@babel/core");
  EXPECT_FALSE(node_package_dir("app/node_modules/lodash/fp/package.json"));
  EXPECT_FALSE(node_package_dir("app/package.json"));
  std::string json = R"({"name":"@babel/core","version":"7.24.0"})";
  std::vector<std::string> w;
  auto p = parse_node_package("app/node_modules/@babel/core/package.json", &json, &w);
  EXPECT_EQ(p.info.name, "@babel/core");
  EXPECT_EQ(p.info.version, "7.24.0");
  std::string bad = "{not json";
  auto q = parse_node_package("app/node_modules/left-pad/package.json", &bad, &w);
  EXPECT_EQ(q.info.name, "left-pad");
  EXPECT_EQ(w.size(), 1u);
}

TEST(Conda, FilesRelativeToPrefix) {
  std::vector<std::string> w;
  auto p = parse_conda_meta("opt/conda/conda-meta/zlib-1.2.13-h5eee18b_0.json",
                            R"({"name":"zlib","version":"1.2.13","files":["lib/libz.so.1","include/zlib.h"]})", &w);
  EXPECT_EQ(p.info.name, "zlib");
  EXPECT_EQ(p.files, (std::vector<std::string>{"opt/conda/lib/libz.so.1", "opt/conda/include/zlib.h"}));
  auto bad = parse_conda_meta("opt/conda/conda-meta/x.json", "[1,2", &w);
  EXPECT_TRUE(bad.info.name.empty());
  EXPECT_EQ(w.size(), 1u);
}

TEST(PathUtil, JoinAndGlob) {
  EXPECT_EQ(join_image_path("usr/lib/python3/site-packages", "../../../bin/f2py"), "usr/bin/f2py");
  EXPECT_EQ(join_image_path("a", "/etc/passwd"), "etc/passwd");
  EXPECT_FALSE(join_image_path("a", "../../x"));
  EXPECT_TRUE(glob_match("**/.cache/pip/**", "root/.cache/pip/http/a/b"));
  EXPECT_TRUE(glob_match("**/.cache/pip/**", ".cache/pip/x"));
  EXPECT_FALSE(glob_match("usr/lib/*.so", "usr/lib/x/y.so"));
  EXPECT_TRUE(glob_match("usr/local/lib/python3*/**", "usr/local/lib/python3.11/os.py"));
  EXPECT_TRUE(glob_match("**/*.a", "usr/lib/x86_64-linux-gnu/libc.a"));
  EXPECT_TRUE(glob_match("lib[cm].so", "libm.so"));
  EXPECT_FALSE(glob_match("**/site-packages/**/tests/**", "usr/lib/site-packages/tests.py"));
}

}  // namespace
}  // namespace ballast::attribution
