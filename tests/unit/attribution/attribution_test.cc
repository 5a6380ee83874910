// Attribution of hand-built images: owners, categories and bytes computed by
// hand from the fixtures below, and the bloaty invariant that every view
// adds up to the image.
#include <gtest/gtest.h>

#include "attribution/breakdown.h"
#include "fixture.h"
#include "util/error.h"

namespace ballast::testing {
namespace {

using writer::dir_entry;
using writer::file_entry;
using writer::symlink_entry;
using writer::whiteout_entry;

std::string bytes(std::size_t n, char c = 'x') { return std::string(n, c); }

const char* kStatusBase =
    "Package: base-files\nStatus: install ok installed\nSection: admin\nInstalled-Size: 1\nVersion: 12.4\n\n"
    "Package: libfoo1\nStatus: install ok installed\nSection: libs\nInstalled-Size: 2\nVersion: 1.0\n";

// Layer 0: a merged-/usr root with two packages; /bin is a symlink, so the
// .list's /bin/foo is stored as usr/bin/foo.
// Layer 1: apt-get install gcc-12 (and apt lists left behind).
// Layer 2: apt-get purge gcc-12: whiteouts for its files and its .list.
// Layer 3: COPY app.py.
std::vector<writer::WriteLayer> dpkg_image() {
  std::string status1 = std::string(kStatusBase) +
                        "\nPackage: gcc-12\nStatus: install ok installed\nSection: devel\nInstalled-Size: 4\n";
  return {
      layer({symlink_entry("bin", "usr/bin"), dir_entry("usr"), dir_entry("usr/bin"), dir_entry("usr/lib"),
             file_entry("etc/debian_version", bytes(10)), file_entry("usr/share/doc/base-files/copyright", bytes(100)),
             file_entry("usr/lib/libfoo.so.1", bytes(1000)), file_entry("usr/bin/foo", bytes(200)),
             file_entry("etc/hostname", bytes(5)), file_entry("var/lib/dpkg/status", kStatusBase),
             file_entry("var/lib/dpkg/info/base-files.list",
                        "/.\n/etc\n/etc/debian_version\n/usr/share/doc/base-files/copyright\n"),
             file_entry("var/lib/dpkg/info/libfoo1:amd64.list", "/usr/lib/libfoo.so.1\n/bin/foo\n")},
            "ADD rootfs.tar /"),
      layer({file_entry("usr/bin/gcc-12", bytes(3000)),
             file_entry("usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a", bytes(500)),
             file_entry("var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages", bytes(4000)),
             file_entry("var/lib/dpkg/status", status1),
             file_entry("var/lib/dpkg/info/gcc-12.list", "/usr/bin/gcc-12\n/usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a\n")},
            "/bin/sh -c apt-get update && apt-get install -y gcc-12"),
      layer({whiteout_entry("usr/bin/gcc-12"), whiteout_entry("usr/lib/gcc"), file_entry("var/lib/dpkg/status", kStatusBase),
             whiteout_entry("var/lib/dpkg/info/gcc-12.list")},
            "/bin/sh -c apt-get purge -y gcc-12"),
      layer({file_entry("app/app.py", bytes(50))}, "COPY app.py /app/ # buildkit"),
  };
}

std::uint64_t sum_stored(const Analyzed& a) {
  std::uint64_t s = 0;
  for (const auto& p : a.attribution.packages) s += p.stored_bytes;
  return s;
}

TEST(Attribution, DpkgOwnersPerLayerAndSymlinkedDirs) {
  Analyzed a = analyze_layers(dpkg_image());
  EXPECT_EQ(owner_label(a, 0, "usr/lib/libfoo.so.1"), "deb:libfoo1");
  EXPECT_EQ(owner_label(a, 0, "usr/bin/foo"), "deb:libfoo1");  // listed as /bin/foo
  EXPECT_EQ(owner_label(a, 0, "etc/debian_version"), "deb:base-files");
  EXPECT_EQ(owner_label(a, 0, "etc/hostname"), "[unowned]");
  // gcc-12 is removed in layer 2, yet owns what it stored in layer 1.
  EXPECT_EQ(owner_label(a, 1, "usr/bin/gcc-12"), "deb:gcc-12");
  const auto* gcc = package(a, "deb:gcc-12");
  ASSERT_NE(gcc, nullptr);
  EXPECT_EQ(gcc->stored_bytes, 3500u);
  EXPECT_EQ(gcc->final_bytes, 0u);
  const auto* foo = package(a, "deb:libfoo1");
  ASSERT_NE(foo, nullptr);
  EXPECT_EQ(foo->stored_bytes, 1200u);
  EXPECT_EQ(foo->final_bytes, 1200u);
  EXPECT_EQ(foo->info.section, "libs");
  EXPECT_EQ(foo->info.declared_size, 2048u);
  const auto* base = package(a, "deb:base-files");
  ASSERT_NE(base, nullptr);
  EXPECT_EQ(base->stored_bytes, 110u);
  EXPECT_TRUE(a.attribution.warnings.empty());
}

TEST(Attribution, Categories) {
  Analyzed a = analyze_layers(dpkg_image());
  EXPECT_EQ(a.attribution.base_layers, 1);
  EXPECT_EQ(category_of(a, 0, "usr/lib/libfoo.so.1"), "os-base");
  EXPECT_EQ(category_of(a, 0, "usr/share/doc/base-files/copyright"), "docs");
  EXPECT_EQ(category_of(a, 1, "usr/bin/gcc-12"), "build-toolchain");
  EXPECT_EQ(category_of(a, 1, "usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a"), "build-toolchain");
  EXPECT_EQ(category_of(a, 1, "var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages"), "caches");
  EXPECT_EQ(category_of(a, 3, "app/app.py"), "app");
  EXPECT_EQ(category_of(a, 1, "var/lib/dpkg/status"), "os-packages");
}

// bloaty's invariant: every view's rows add up to the image.
TEST(Attribution, BreakdownTotalsEqualImageBytes) {
  Analyzed a = analyze_layers(dpkg_image());
  for (const char* dims : {"layer", "category", "package", "dir", "file", "ext", "layer,category,package",
                           "package,file", "category,ext"}) {
    attribution::BreakdownOptions o;
    o.dimensions = attribution::parse_dimensions(dims);
    o.top = 2;
    auto root = attribution::build_breakdown(a.image, a.attribution, o);
    EXPECT_EQ(root.stored, a.image.stored_bytes) << dims;
    EXPECT_EQ(root.final, a.image.final_bytes) << dims;
    std::function<void(const attribution::BreakdownNode&)> check = [&](const attribution::BreakdownNode& n) {
      if (n.children.empty()) return;
      std::uint64_t s = 0, f = 0, files = 0;
      for (const auto& c : n.children) {
        s += c.stored;
        f += c.final;
        files += c.files;
        check(c);
      }
      EXPECT_EQ(s, n.stored) << dims << " " << n.name;
      EXPECT_EQ(f, n.final) << dims << " " << n.name;
      EXPECT_EQ(files, n.files) << dims << " " << n.name;
      EXPECT_LE(n.children.size(), 3u);  // top 2 + "[N others]"
    };
    check(root);
  }
  // By hand: stored = every regular file of every layer.
  std::uint64_t status0 = std::string(kStatusBase).size();
  std::uint64_t layer0 = 10 + 100 + 1000 + 200 + 5 + status0 +
                         std::string("/.\n/etc\n/etc/debian_version\n/usr/share/doc/base-files/copyright\n").size() +
                         std::string("/usr/lib/libfoo.so.1\n/bin/foo\n").size();
  EXPECT_EQ(a.image.layers[0].files_size, layer0);
  attribution::BreakdownOptions o;
  o.dimensions = attribution::parse_dimensions("package");
  o.top = 100;
  auto root = attribution::build_breakdown(a.image, a.attribution, o);
  std::uint64_t unowned = 0;
  for (const auto& c : root.children)
    if (c.name == "[unowned]") unowned = c.stored;
  EXPECT_EQ(unowned + sum_stored(a), a.image.stored_bytes);
  EXPECT_THROW(attribution::parse_dimensions("layer,size"), ballast::InputError);
}

TEST(Attribution, CorruptDatabasesFallBackToUnowned) {
  std::string record = "pkg/__init__.py,sha256=a,20\n\"broken,sha256=b,3\n";
  Analyzed a = analyze_layers({layer({
      file_entry("var/lib/dpkg/status", "Package: a\nStatus: install ok installed\n\x01\x02 garbage\n"),
      file_entry("var/lib/dpkg/info/a.list", "/usr/bin/a\nnot-a-path\n"),
      file_entry("usr/bin/a", bytes(64)),
      file_entry("site/pkg/__init__.py", bytes(20)),
      file_entry("site/pkg/mod.py", bytes(30)),
      file_entry("site/pkg-1.0.dist-info/RECORD", record),
      file_entry("opt/conda/conda-meta/z-1-0.json", "{broken"),
      file_entry("opt/conda/lib/libz.so", bytes(10)),
  })});
  EXPECT_EQ(owner_label(a, 0, "usr/bin/a"), "deb:a");
  EXPECT_EQ(owner_label(a, 0, "site/pkg/__init__.py"), "pypi:pkg");
  EXPECT_EQ(owner_label(a, 0, "opt/conda/lib/libz.so"), "[unowned]");
  const auto& w = a.attribution.warnings;
  auto has = [&](std::string_view s) {
    for (const auto& x : w)
      if (x.find(s) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("/var/lib/dpkg/status: line 3"));
  EXPECT_TRUE(has("/var/lib/dpkg/info/a.list: line 2"));
  EXPECT_TRUE(has("/site/pkg-1.0.dist-info/RECORD: line 2: unterminated"));
  EXPECT_TRUE(has("/opt/conda/conda-meta/z-1-0.json: not valid JSON"));
}

TEST(Attribution, OversizedDatabaseIsReportedNotRead) {
  // A 2 MiB top_level.txt is over its 1 MiB limit.
  Analyzed a = analyze_layers({layer({file_entry("site/x-1.dist-info/top_level.txt", bytes(2 << 20, 'a')),
                                      file_entry("site/x-1.dist-info/RECORD", "x.py,,1\n"),
                                      file_entry("site/x.py", "1")})});
  EXPECT_EQ(owner_label(a, 0, "site/x.py"), "pypi:x");
  ASSERT_EQ(a.attribution.warnings.size(), 1u);
  EXPECT_NE(a.attribution.warnings[0].find("/site/x-1.dist-info/top_level.txt: 2097152 bytes, over the 1 MiB limit"),
            std::string::npos);
}

TEST(Attribution, ApkPackages) {
  Analyzed a = analyze_layers({layer({
      file_entry("lib/apk/db/installed",
                 "P:musl\nV:1.2.4-r2\nI:622592\nF:lib\nR:ld-musl-x86_64.so.1\n\nP:busybox\nV:1.36\nF:bin\nR:busybox\n"),
      file_entry("lib/ld-musl-x86_64.so.1", bytes(600)),
      file_entry("bin/busybox", bytes(900)),
      file_entry("etc/motd", bytes(7)),
  })});
  EXPECT_EQ(owner_label(a, 0, "lib/ld-musl-x86_64.so.1"), "apk:musl");
  EXPECT_EQ(owner_label(a, 0, "bin/busybox"), "apk:busybox");
  EXPECT_EQ(owner_label(a, 0, "etc/motd"), "[unowned]");
  EXPECT_EQ(package(a, "apk:musl")->stored_bytes, 600u);
  EXPECT_EQ(package(a, "apk:musl")->info.declared_size, 622592u);
}

TEST(Attribution, PythonDistInfoAndEggInfo) {
  const std::string site = "opt/venv/lib/python3.11/site-packages";
  Analyzed a = analyze_layers({layer({
      file_entry(site + "/requests/__init__.py", bytes(500)),
      file_entry(site + "/requests/api.py", bytes(700)),
      file_entry(site + "/requests/__pycache__/api.cpython-311.pyc", bytes(90)),  // compiled later: not in RECORD
      file_entry(site + "/requests-2.31.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n"),
      file_entry(site + "/requests-2.31.0.dist-info/RECORD",
                 "requests/__init__.py,sha256=a,500\nrequests/api.py,sha256=b,700\n../../../bin/req,sha256=c,40\n"
                 "requests-2.31.0.dist-info/RECORD,,\n"),
      file_entry("opt/venv/bin/req", bytes(40)),
      file_entry(site + "/legacy/__init__.py", bytes(11)),
      file_entry(site + "/Legacy_Pkg-0.1-py3.11.egg-info/PKG-INFO", "Name: Legacy_Pkg\nVersion: 0.1\n"),
      file_entry(site + "/Legacy_Pkg-0.1-py3.11.egg-info/installed-files.txt", "../legacy/__init__.py\nPKG-INFO\n"),
  })});
  EXPECT_EQ(owner_label(a, 0, site + "/requests/api.py"), "pypi:requests");
  EXPECT_EQ(owner_label(a, 0, "opt/venv/bin/req"), "pypi:requests");
  EXPECT_EQ(owner_label(a, 0, site + "/requests/__pycache__/api.cpython-311.pyc"), "pypi:requests");
  EXPECT_EQ(owner_label(a, 0, site + "/legacy/__init__.py"), "pypi:legacy-pkg");
  EXPECT_EQ(category_of(a, 0, site + "/requests/api.py"), "python-packages");
  const auto* r = package(a, "pypi:requests");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->info.version, "2.31.0");
  // 500 + 700 + 90 + 40 + METADATA + RECORD (the dist-info dir is the package's).
  std::uint64_t md = std::string("Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n").size();
  std::uint64_t rec = std::string("requests/__init__.py,sha256=a,500\nrequests/api.py,sha256=b,700\n"
                                  "../../../bin/req,sha256=c,40\nrequests-2.31.0.dist-info/RECORD,,\n").size();
  EXPECT_EQ(r->stored_bytes, 500 + 700 + 90 + 40 + md + rec);
}

// Debian's python3-* packages ship their dist-info with a RECORD: the files
// stay the Debian package's (dpkg -S says so), while a pip install over a
// Debian package's file takes it over.
TEST(Attribution, RecordInsideADebianPackageIsTheDebianPackages) {
  const std::string dist = "usr/lib/python3/dist-packages";
  Analyzed a = analyze_layers({layer({
      file_entry(dist + "/attr/__init__.py", bytes(40)),
      file_entry(dist + "/attr-22.2.0.dist-info/RECORD", "attr/__init__.py,,\n"),
      file_entry("var/lib/dpkg/info/python3-attr.list",
                 "/" + dist + "/attr/__init__.py\n/" + dist + "/attr-22.2.0.dist-info/RECORD\n"),
      file_entry(dist + "/six.py", bytes(30)),
      file_entry("var/lib/dpkg/info/python3-six.list", "/" + dist + "/six.py\n"),
      file_entry("usr/local/lib/python3.11/dist-packages/six-1.17.dist-info/RECORD", "../../../../lib/python3/dist-packages/six.py,,\n"),
  })});
  EXPECT_EQ(owner_label(a, 0, dist + "/attr/__init__.py"), "deb:python3-attr");
  EXPECT_EQ(package(a, "pypi:attr"), nullptr);
  EXPECT_EQ(owner_label(a, 0, dist + "/six.py"), "pypi:six");
}

TEST(Attribution, NodeModulesDeepestPackageWins) {
  Analyzed a = analyze_layers({layer({
      file_entry("app/node_modules/express/package.json", R"({"name":"express","version":"4.18.2"})"),
      file_entry("app/node_modules/express/lib/router.js", bytes(300)),
      file_entry("app/node_modules/express/node_modules/debug/package.json", R"({"name":"debug","version":"2.6.9"})"),
      file_entry("app/node_modules/express/node_modules/debug/src/index.js", bytes(80)),
      file_entry("app/node_modules/@types/node/package.json", R"({"name":"@types/node","version":"20.1.0"})"),
      file_entry("app/node_modules/@types/node/index.d.ts", bytes(120)),
      file_entry("app/server.js", bytes(25)),
  })});
  EXPECT_EQ(owner_label(a, 0, "app/node_modules/express/lib/router.js"), "npm:express");
  EXPECT_EQ(owner_label(a, 0, "app/node_modules/express/node_modules/debug/src/index.js"), "npm:debug");
  EXPECT_EQ(owner_label(a, 0, "app/node_modules/@types/node/index.d.ts"), "npm:@types/node");
  EXPECT_EQ(owner_label(a, 0, "app/server.js"), "[unowned]");
  EXPECT_EQ(package(a, "npm:express")->stored_bytes,
            300 + std::string(R"({"name":"express","version":"4.18.2"})").size());
  EXPECT_EQ(category_of(a, 0, "app/node_modules/express/lib/router.js"), "node-modules");
}

TEST(Attribution, CondaPackages) {
  Analyzed a = analyze_layers({layer({
      file_entry("opt/conda/conda-meta/zlib-1.2.13-h5eee18b_0.json",
                 R"({"name":"zlib","version":"1.2.13","files":["lib/libz.so.1.2.13","include/zlib.h"]})"),
      file_entry("opt/conda/lib/libz.so.1.2.13", bytes(4000)),
      file_entry("opt/conda/include/zlib.h", bytes(96)),
  })});
  EXPECT_EQ(owner_label(a, 0, "opt/conda/lib/libz.so.1.2.13"), "conda:zlib");
  EXPECT_EQ(package(a, "conda:zlib")->stored_bytes, 4096u);
  // zlib ships its header in the runtime package: it stays zlib's (moving
  // zlib to a builder stage would break the app), not build-toolchain.
  EXPECT_EQ(category_of(a, 0, "opt/conda/include/zlib.h"), "python-packages");
}

TEST(Attribution, UserRulesComeFirst) {
  attribution::AttributionOptions o;
  o.extra_rules.push_back({"my-data", "srv/data/**", "", "", attribution::LayerScope::kAny, ""});
  Analyzed a = analyze_layers({layer({file_entry("srv/data/x.csv", bytes(3)), file_entry("tmp/y", bytes(3))})}, o);
  EXPECT_EQ(category_of(a, 0, "srv/data/x.csv"), "my-data");
  EXPECT_EQ(category_of(a, 0, "tmp/y"), "caches");
  EXPECT_THROW(attribution::CategoryTable({{"x", "", "", "", attribution::LayerScope::kAny, ""}}), ballast::InputError);
  EXPECT_THROW(attribution::CategoryTable({{"x", "", "", "pip", attribution::LayerScope::kAny, ""}}), ballast::InputError);
}

}  // namespace
}  // namespace ballast::testing
