// purl building against the purl-spec's own test suite
// (github.com/package-url/purl-spec, tests/types/{deb,apk,pypi,npm}-test.json
// at 16f3d0e, copied to tests/vectors/purl/), and the package-to-purl rules
// of the types ballast writes (PURL-TYPES: pypi names PEP 503 normalised,
// npm scopes as the namespace).
#include "sbom/purl.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace ballast::sbom {
namespace {

nlohmann::json load(const std::string& type) {
  std::ifstream in(std::string(BALLAST_SOURCE_DIR) + "/tests/vectors/purl/" + type + "-test.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

TEST(Purl, SpecBuildVectors) {
  int checked = 0;
  for (const char* type : {"deb", "apk", "pypi", "npm"}) {
    const nlohmann::json suite = load(type);
    for (const auto& t : suite["tests"]) {
      if (t.value("test_type", "") != "build" || t.value("expected_failure", false)) continue;
      const auto& in = t["input"];
      std::map<std::string, std::string> q;
      if (in["qualifiers"].is_object())
        for (const auto& [k, v] : in["qualifiers"].items()) q[k] = v.get<std::string>();
      auto str = [&](const char* k) { return in[k].is_string() ? in[k].get<std::string>() : std::string(); };
      EXPECT_EQ(build_purl(str("type"), str("namespace"), str("name"), str("version"), q),
                t["expected_output"].get<std::string>())
          << t["description"];
      ++checked;
    }
  }
  EXPECT_GE(checked, 15);  // the suite was read
}

attribution::PackageInfo pkg(attribution::Manager m, std::string name, std::string version, std::string arch = "") {
  attribution::PackageInfo p;
  p.manager = m;
  p.name = std::move(name);
  p.version = std::move(version);
  p.architecture = std::move(arch);
  return p;
}

TEST(Purl, FromPackages) {
  using attribution::Manager;
  Distro debian{"debian", "12"};
  EXPECT_EQ(purl(pkg(Manager::kDpkg, "libc6", "2.36-9+deb12u4", "amd64"), debian),
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12");
  EXPECT_EQ(purl(pkg(Manager::kDpkg, "perl-base", "1:5.36.0-7", "amd64"), Distro{"ubuntu", ""}),
            "pkg:deb/ubuntu/perl-base@1:5.36.0-7?arch=amd64");
  EXPECT_EQ(purl(pkg(Manager::kApk, "musl", "1.2.4-r2", "x86_64"), Distro{"alpine", "3.19.1"}),
            "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1");
  // PEP 503: runs of "-", "_", "." become one "-", lowercased.
  EXPECT_EQ(purl(pkg(Manager::kPython, "Zope.Interface__x", "6.1"), {}), "pkg:pypi/zope-interface-x@6.1");
  EXPECT_EQ(purl(pkg(Manager::kNode, "@Types/Node", "20.1.0"), {}), "pkg:npm/%40types/node@20.1.0");
  EXPECT_EQ(purl(pkg(Manager::kNode, "left-pad", "1.3.0"), {}), "pkg:npm/left-pad@1.3.0");
  EXPECT_EQ(purl(pkg(Manager::kConda, "numpy", "1.26.4"), {}), "pkg:conda/numpy@1.26.4");
  // Unknown distribution: the manager's usual namespace, no distro qualifier.
  EXPECT_EQ(purl(pkg(Manager::kDpkg, "tzdata", "2024a-0+deb12u1", "all"), {}),
            "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all");
}

TEST(Purl, OsRelease) {
  Distro d = parse_os_release("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                              "VERSION_ID=\"12\"\nID=debian\n");
  EXPECT_EQ(d.id, "debian");
  EXPECT_EQ(d.version_id, "12");
  EXPECT_EQ(parse_os_release("ID='Alpine'\nVERSION_ID=3.19.1").id, "alpine");
}

}  // namespace
}  // namespace ballast::sbom
