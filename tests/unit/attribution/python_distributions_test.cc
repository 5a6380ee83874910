// python_distributions(): the distributions `deps --image` sees, on
// hand-built images whose expected names, modules and bytes are worked out
// from the fixture's own file list below.
#include <gtest/gtest.h>

#include "attribution/python_distributions.h"
#include "fixture.h"

namespace ballast::testing {
namespace {

using attribution::PythonDistribution;
using writer::file_entry;
using writer::whiteout_entry;

std::string bytes(std::size_t n, char c = 'x') { return std::string(n, c); }

const PythonDistribution* find(const std::vector<PythonDistribution>& ds, std::string_view name) {
  for (const auto& d : ds)
    if (d.name == name) return &d;
  return nullptr;
}

const std::string kVenv = "opt/venv/lib/python3.11/site-packages";
const std::string kDeb = "usr/lib/python3/dist-packages";

TEST(PythonDistributions, PipInstallWithRecordAndRequiresDist) {
  const std::string md = "Metadata-Version: 2.1\nName: Torch\nVersion: 2.3.1\n"
                         "Requires-Dist: sympy\nRequires-Dist: nvidia-cublas-cu12; platform_system == \"Linux\"\n\n"
                         "Requires-Dist: not-a-header-any-more\n";
  const std::string record = "torch/__init__.py,,100\ntorch/lib/libtorch.so,,5000\nfunctorch/__init__.py,,7\n"
                             "torch-2.3.1.dist-info/METADATA,,\ntorch-2.3.1.dist-info/RECORD,,\n../../../bin/torchrun,,9\n";
  Analyzed a = analyze_layers({layer({
      file_entry(kVenv + "/torch/__init__.py", bytes(100)),
      file_entry(kVenv + "/torch/lib/libtorch.so", bytes(5000)),
      file_entry(kVenv + "/functorch/__init__.py", bytes(7)),
      file_entry(kVenv + "/torch-2.3.1.dist-info/METADATA", md),
      file_entry(kVenv + "/torch-2.3.1.dist-info/RECORD", record),
      file_entry("opt/venv/bin/torchrun", bytes(9)),
  })});
  auto ds = attribution::python_distributions(a.image, a.attribution);
  ASSERT_EQ(ds.size(), 1u);
  const PythonDistribution& t = ds[0];
  EXPECT_EQ(t.name, "torch");
  EXPECT_EQ(t.version, "2.3.1");
  EXPECT_EQ(t.owner, "pypi:torch");
  EXPECT_FALSE(t.os_package);
  // No top_level.txt: modules from RECORD's first components.
  EXPECT_EQ(t.import_names, (std::vector<std::string>{"functorch", "torch"}));
  EXPECT_EQ(t.requires_dist, (std::vector<std::string>{"sympy", "nvidia-cublas-cu12; platform_system == \"Linux\""}));
  EXPECT_EQ(t.bytes, 100 + 5000 + 7 + md.size() + record.size() + 9);
}

// Debian: python3-sympy installs a one-file egg-info, python3-yaml an
// egg-info directory with requires.txt and top_level.txt; both belong to
// the Debian package, whose bytes they carry (bytecode included).
TEST(PythonDistributions, DebianEggInfoFileAndDirectory) {
  const std::string sympy_md = "Metadata-Version: 1.1\nName: sympy\nVersion: 1.11.1\n";
  const std::string yaml_md = "Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0\n";
  const std::string requires_txt = "libyaml-binding>=1\n\n[:python_version < \"3.8\"]\nimportlib-metadata\n\n"
                                   "[docs]\nsphinx\n";
  const std::string sympy_list = "/" + kDeb + "/sympy/__init__.py\n/" + kDeb + "/sympy/core.py\n/" + kDeb +
                                 "/sympy-1.11.1.egg-info\n";
  const std::string yaml_list = "/" + kDeb + "/yaml/__init__.py\n/" + kDeb + "/_yaml.cpython-311-x86_64-linux-gnu.so\n/" +
                                kDeb + "/PyYAML-6.0.egg-info/PKG-INFO\n/" + kDeb + "/PyYAML-6.0.egg-info/requires.txt\n";
  Analyzed a = analyze_layers({layer({
      file_entry(kDeb + "/sympy/__init__.py", bytes(300)),
      file_entry(kDeb + "/sympy/core.py", bytes(200)),
      file_entry(kDeb + "/sympy/__pycache__/core.cpython-311.pyc", bytes(50)),  // py3compile
      file_entry(kDeb + "/sympy-1.11.1.egg-info", sympy_md),
      file_entry(kDeb + "/yaml/__init__.py", bytes(70)),
      file_entry(kDeb + "/_yaml.cpython-311-x86_64-linux-gnu.so", bytes(900)),
      file_entry(kDeb + "/PyYAML-6.0.egg-info/PKG-INFO", yaml_md),
      file_entry(kDeb + "/PyYAML-6.0.egg-info/requires.txt", requires_txt),
      file_entry("var/lib/dpkg/info/python3-sympy.list", sympy_list),
      file_entry("var/lib/dpkg/info/python3-yaml.list", yaml_list),
  })});
  auto ds = attribution::python_distributions(a.image, a.attribution);
  ASSERT_EQ(ds.size(), 2u);
  const auto* sympy = find(ds, "sympy");
  ASSERT_NE(sympy, nullptr);
  EXPECT_EQ(sympy->owner, "deb:python3-sympy");
  EXPECT_TRUE(sympy->os_package);
  EXPECT_EQ(sympy->version, "1.11.1");
  EXPECT_EQ(sympy->import_names, std::vector<std::string>{"sympy"});
  EXPECT_EQ(sympy->bytes, 300 + 200 + 50 + sympy_md.size());
  const auto* yaml = find(ds, "pyyaml");
  ASSERT_NE(yaml, nullptr);
  EXPECT_EQ(yaml->owner, "deb:python3-yaml");
  // No top_level.txt, no RECORD: the Debian package's files next to it.
  EXPECT_EQ(yaml->import_names, (std::vector<std::string>{"_yaml", "yaml"}));
  EXPECT_EQ(yaml->requires_dist,
            (std::vector<std::string>{"libyaml-binding>=1", "importlib-metadata; python_version < \"3.8\""}));
  EXPECT_EQ(yaml->bytes, 70 + 900 + yaml_md.size() + requires_txt.size());
}

// numpy from Debian and again in a venv: removing the requirement removes
// the venv's copy, so that one is reported. top_level.txt names modules.
TEST(PythonDistributions, VenvCopyWinsOverTheOsPackage) {
  const std::string deb_md = "Name: numpy\nVersion: 1.24.2\n";
  const std::string pip_md = "Name: numpy\nVersion: 1.26.4\n";
  const std::string record = "numpy/__init__.py,,400\nnumpy-1.26.4.dist-info/METADATA,,\n"
                             "numpy-1.26.4.dist-info/top_level.txt,,\nnumpy-1.26.4.dist-info/RECORD,,\n";
  Analyzed a = analyze_layers({
      layer({
          file_entry(kDeb + "/numpy/__init__.py", bytes(111)),
          file_entry(kDeb + "/numpy-1.24.2.dist-info/METADATA", deb_md),
          file_entry("var/lib/dpkg/info/python3-numpy.list",
                     "/" + kDeb + "/numpy/__init__.py\n/" + kDeb + "/numpy-1.24.2.dist-info/METADATA\n"),
      }),
      layer({
          file_entry(kVenv + "/numpy/__init__.py", bytes(400)),
          file_entry(kVenv + "/numpy-1.26.4.dist-info/METADATA", pip_md),
          file_entry(kVenv + "/numpy-1.26.4.dist-info/top_level.txt", "numpy\n"),
          file_entry(kVenv + "/numpy-1.26.4.dist-info/RECORD", record),
      }),
  });
  auto ds = attribution::python_distributions(a.image, a.attribution);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].owner, "pypi:numpy");
  EXPECT_EQ(ds[0].version, "1.26.4");
  EXPECT_EQ(ds[0].import_names, std::vector<std::string>{"numpy"});
  EXPECT_EQ(ds[0].bytes, 400 + pip_md.size() + 6 + record.size());
}

// A distribution deleted in a later layer is not installed any more.
TEST(PythonDistributions, DeletedDistributionIsGone) {
  Analyzed a = analyze_layers({
      layer({file_entry(kVenv + "/six.py", bytes(10)),
             file_entry(kVenv + "/six-1.16.0.dist-info/METADATA", "Name: six\nVersion: 1.16.0\n"),
             file_entry(kVenv + "/six-1.16.0.dist-info/RECORD", "six.py,,10\n")}),
      layer({whiteout_entry(kVenv + "/six-1.16.0.dist-info"), whiteout_entry(kVenv + "/six.py")}),
  });
  EXPECT_TRUE(attribution::python_distributions(a.image, a.attribution).empty());
}

TEST(PythonDistributions, EggRequiresSections) {
  EXPECT_EQ(attribution::parse_egg_requires("a\n[x]\nb\n[:sys_platform == 'linux']\nc\n[y:python_version<'3']\nd\n"),
            (std::vector<std::string>{"a", "c; sys_platform == 'linux'"}));
  EXPECT_TRUE(attribution::parse_egg_requires("").empty());
}

}  // namespace
}  // namespace ballast::testing
