// SBOMs of a hand-made image: which packages, which purls and licenses
// (hand-derived from the fixture's database bytes), and both documents
// checked against the official schemas by a real validator
// (validate_sbom.py, Debian's python3-jsonschema), with an invalid document
// beside them as the positive control.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "../attribution/fixture.h"
#include "sbom/document.h"
#include "sbom/inventory.h"
#include "sbom/sbom.h"
#include "sbom/uuid.h"

namespace ballast::sbom {
namespace {

using testing::layer;
using writer::file_entry;

const char* kStatus1 =
    "Package: libc6\nStatus: install ok installed\nPriority: optional\nSection: libs\nInstalled-Size: 2\n"
    "Architecture: amd64\nVersion: 2.36-9+deb12u4\n\n"
    "Package: oldpkg\nStatus: install ok installed\nArchitecture: all\nVersion: 1.0\n\n";
// Layer 2: oldpkg purged, base-files added.
const char* kStatus2 =
    "Package: libc6\nStatus: install ok installed\nPriority: optional\nSection: libs\nInstalled-Size: 2\n"
    "Architecture: amd64\nVersion: 2.36-9+deb12u4\n\n"
    "Package: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.4+deb12u5\n\n";

const char* kCopyright =
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
    "Files: *\nCopyright: 1991 FSF\nLicense: LGPL-2.1+\n\n"
    "Files: debian/*\nCopyright: 2000 someone\nLicense: GPL-2+ or Artistic\n\n"
    "Files: extra/*\nCopyright: 2000 someone\nLicense: public-domain\n\n"
    "Files: more/*\nCopyright: 2001 someone\nLicense: LGPL-2.1-or-later\n";  // LGPL-2.1+ again, spelt as SPDX

testing::Analyzed fixture() {
  return testing::analyze_layers({
      layer({file_entry("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
             file_entry("var/lib/dpkg/status", kStatus1),
             file_entry("var/lib/dpkg/info/libc6:amd64.list", "/.\n/usr/lib/libc.so.6\n/usr/share/doc/libc6/copyright\n"),
             file_entry("usr/lib/libc.so.6", std::string(1000, 'c')),
             file_entry("usr/share/doc/libc6/copyright", kCopyright),
             file_entry("var/lib/dpkg/info/oldpkg.list", "/usr/share/oldpkg/a\n"),
             file_entry("usr/share/oldpkg/a", "aaaa")}),
      layer({file_entry("var/lib/dpkg/status", kStatus2),
             writer::whiteout_entry("var/lib/dpkg/info/oldpkg.list"), writer::whiteout_entry("usr/share/oldpkg"),
             file_entry("var/lib/dpkg/info/base-files.list", "/etc/debian_version\n"),
             file_entry("etc/debian_version", "12.4\n")}),
      layer({file_entry("usr/lib/python3/site-packages/Foo_Bar-2.0.dist-info/METADATA",
                        "Metadata-Version: 2.4\nName: Foo_Bar\nVersion: 2.0\nLicense-Expression: MIT OR Apache-2.0\n"),
             file_entry("usr/lib/python3/site-packages/Foo_Bar-2.0.dist-info/RECORD",
                        "foo_bar/__init__.py,,3\nFoo_Bar-2.0.dist-info/METADATA,,\n"),
             file_entry("usr/lib/python3/site-packages/foo_bar/__init__.py", "x=1"),
             file_entry("usr/lib/python3/site-packages/old-1.0.dist-info/METADATA",
                        "Name: old\nVersion: 1.0\nLicense: UNKNOWN\n"
                        "Classifier: License :: OSI Approved :: BSD License\n"),
             file_entry("usr/lib/python3/site-packages/old-1.0.dist-info/RECORD", "old.py,,\n"),
             file_entry("usr/lib/python3/site-packages/old.py", "pass\n"),
             file_entry("app/node_modules/@scope/Widget/package.json",
                        R"({"name": "@scope/widget", "version": "1.2.3", "license": {"type": "ISC"}})"),
             file_entry("app/node_modules/@scope/Widget/index.js", "module.exports = 1;\n"),
             file_entry("opt/conda/conda-meta/zlib-1.3-h0.json",
                        R"({"name": "zlib", "version": "1.3", "license": "Zlib", "files": ["lib/libz.so"]})"),
             file_entry("opt/conda/lib/libz.so", "zz")}),
  });
}

const Component* find(const Inventory& inv, std::string_view name) {
  for (const auto& c : inv.components)
    if (c.name == name) return &c;
  return nullptr;
}

TEST(Inventory, PackagesPurlsLicensesLayers) {
  testing::Analyzed a = fixture();
  Inventory inv = make_inventory(a, "/some/path/image.tar");
  EXPECT_EQ(inv.image, "fixture:1");  // the archive's repo tag, not the path
  std::vector<std::string> purls;
  for (const auto& c : inv.components) purls.push_back(c.purl);
  // Sorted by purl; oldpkg (purged in layer 1) is not installed any more.
  EXPECT_EQ(purls, (std::vector<std::string>{
                       "pkg:conda/zlib@1.3",
                       "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12",
                       "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12",
                       "pkg:npm/%40scope/widget@1.2.3",
                       "pkg:pypi/foo-bar@2.0",
                       "pkg:pypi/old@1.0",
                   }));
  const Component* libc = find(inv, "libc6");
  ASSERT_TRUE(libc);
  EXPECT_EQ(libc->layer, 0);
  EXPECT_EQ(libc->files, 2u);  // libc.so.6 and its copyright file
  EXPECT_EQ(libc->stored_bytes, 1000u + std::string(kCopyright).size());
  EXPECT_EQ(libc->license_source, "/usr/share/doc/libc6/copyright");
  ASSERT_EQ(libc->licenses.size(), 3u);
  EXPECT_EQ(libc->licenses[0].spdx, "LGPL-2.1-or-later");
  EXPECT_EQ(libc->licenses[1].spdx, "GPL-2.0-or-later OR Artistic-1.0");
  EXPECT_EQ(libc->licenses[2].spdx, "");
  EXPECT_EQ(find(inv, "base-files")->layer, 1);
  EXPECT_EQ(find(inv, "base-files")->layer_diff_id, a.image.layers[1].diff_id);
  EXPECT_EQ(find(inv, "foo-bar")->licenses.at(0).spdx, "MIT OR Apache-2.0");
  EXPECT_EQ(find(inv, "foo-bar")->layer, 2);
  EXPECT_EQ(find(inv, "old")->licenses.at(0).text, "BSD License");  // the classifier, License: UNKNOWN ignored
  EXPECT_EQ(find(inv, "@scope/widget")->licenses.at(0).spdx, "ISC");
  EXPECT_EQ(find(inv, "zlib")->licenses.at(0).spdx, "Zlib");
  EXPECT_EQ(find(inv, "zlib")->files, 1u);
}

std::string write_doc(const std::string& name, const std::string& text) {
  static testing::TempDir dir;
  std::string path = dir / (name + ".json");
  std::ofstream(path) << text;
  return path;
}

// validate_sbom.py's exit code: 0 valid, 1 invalid, 2 cannot run.
int validate(const std::string& kind, const std::string& path) {
  std::string cmd = "/usr/bin/python3 " + std::string(BALLAST_SOURCE_DIR) + "/tests/unit/sbom/validate_sbom.py " +
                    kind + " " + path + " 2>" + path + ".err";
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : 3;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool have_validator() {
  return std::system("/usr/bin/python3 -c 'import jsonschema' 2>/dev/null") == 0;
}

TEST(Document, ValidAgainstOfficialSchemas) {
  if (!have_validator()) {
    if (std::getenv("CI")) FAIL() << "python3-jsonschema is missing (scripts/setup.sh installs it)";
    GTEST_SKIP() << "*** python3-jsonschema not installed: SBOM schema validation NOT run ***";
  }
  testing::Analyzed a = fixture();
  Inventory inv = make_inventory(a, "fixture:1");
  DocumentOptions o;
  std::string cdx = write_doc("cyclonedx", render(inv, Format::kCycloneDx, o));
  std::string spdx = write_doc("spdx", render(inv, Format::kSpdx, o));
  EXPECT_EQ(validate("cyclonedx", cdx), 0) << slurp(cdx + ".err");
  EXPECT_EQ(validate("spdx", spdx), 0) << slurp(spdx + ".err");
  // Positive control: the validator rejects what the schemas forbid.
  nlohmann::json bad = to_cyclonedx(inv, o);
  bad["serialNumber"] = "not-a-urn";
  bad["components"][0].erase("name");
  EXPECT_EQ(validate("cyclonedx", write_doc("cyclonedx_bad", bad.dump())), 1);
  nlohmann::json bad_spdx = to_spdx(inv, o);
  bad_spdx["packages"][1].erase("downloadLocation");
  EXPECT_EQ(validate("spdx", write_doc("spdx_bad", bad_spdx.dump())), 1);
}

TEST(Document, DeterministicAndOverridable) {
  testing::Analyzed a = fixture();
  Inventory inv = make_inventory(a, "fixture:1");
  nlohmann::json x = to_cyclonedx(inv), y = to_cyclonedx(make_inventory(fixture(), "fixture:1"));
  EXPECT_EQ(x.dump(), y.dump());
  EXPECT_EQ(x["serialNumber"], "urn:uuid:" + uuid_v5(kUrlNamespace, "https://github.com/ballast/sbom/" + inv.image_id));
  DocumentOptions o{.timestamp = "2024-05-06T07:08:09+01:00",
                    .serial_number = "urn:uuid:2ed6657d-e927-568b-95e1-2665a8aea6a2"};
  nlohmann::json z = to_cyclonedx(inv, o);
  EXPECT_EQ(z["metadata"]["timestamp"], "2024-05-06T06:08:09Z");
  EXPECT_EQ(z["serialNumber"], "urn:uuid:2ed6657d-e927-568b-95e1-2665a8aea6a2");
  nlohmann::json s = to_spdx(inv, o);
  EXPECT_EQ(s["creationInfo"]["created"], "2024-05-06T06:08:09Z");
  EXPECT_EQ(s["documentNamespace"], "urn:uuid:2ed6657d-e927-568b-95e1-2665a8aea6a2");
  // libc6's licenses: all SPDX except public-domain, so CycloneDX lists them
  // one by one and SPDX makes a LicenseRef.
  for (const auto& c : z["components"])
    if (c["name"] == "libc6") {
      EXPECT_EQ(c["licenses"].size(), 3u);
      EXPECT_EQ(c["licenses"][0]["license"]["id"], "LGPL-2.1-or-later");
      EXPECT_EQ(c["licenses"][1]["license"]["name"], "GPL-2+ or Artistic");
      EXPECT_EQ(c["licenses"][2]["license"]["name"], "public-domain");
    } else if (c["name"] == "foo-bar") {
      EXPECT_EQ(c["licenses"], nlohmann::json::parse(R"([{"expression": "MIT OR Apache-2.0"}])"));
    }
  for (const auto& p : s["packages"]) {
    if (p["name"] == "libc6") {
      EXPECT_EQ(p["licenseDeclared"],
                "LGPL-2.1-or-later AND (GPL-2.0-or-later OR Artistic-1.0) AND LicenseRef-public-domain");
    }
  }
  // public-domain (libc6) and "BSD License" (old's classifier).
  ASSERT_EQ(s["hasExtractedLicensingInfos"].size(), 2u);
}

}  // namespace
}  // namespace ballast::sbom
