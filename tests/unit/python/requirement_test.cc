// PEP 503 names, PEP 508 requirement strings, PEP 440 ordering and markers.
// Expected values are the specs' own examples.
#include <gtest/gtest.h>

#include "python/marker.h"
#include "python/package_name.h"
#include "python/requirement.h"
#include "python/version.h"

namespace ballast::python {
namespace {

TEST(PackageName, Pep503Normalisation) {
  // PEP 503: "Friendly-Bar", "friendly.bar", "FRIENDLY_BAR" are the same project.
  EXPECT_EQ(normalize_name("Friendly-Bar"), "friendly-bar");
  EXPECT_EQ(normalize_name("friendly.bar"), "friendly-bar");
  EXPECT_EQ(normalize_name("FRIENDLY_BAR"), "friendly-bar");
  EXPECT_EQ(normalize_name("friendly--._bar"), "friendly-bar");
  EXPECT_EQ(guess_import_name("python-dateutil"), "python_dateutil");
  EXPECT_TRUE(is_valid_name("zope.interface"));
  EXPECT_FALSE(is_valid_name("-bad"));
  EXPECT_FALSE(is_valid_name("bad-"));
}

Requirement parse_ok(std::string_view text) {
  Requirement r;
  std::string error = parse_pep508(text, r);
  EXPECT_EQ(error, "") << text;
  return r;
}

TEST(Pep508, NameExtrasSpecifierMarker) {
  Requirement r = parse_ok("uvicorn[standard]==0.24.0");
  EXPECT_EQ(r.name, "uvicorn");
  EXPECT_EQ(r.extras, std::vector<std::string>{"standard"});
  EXPECT_EQ(r.specifier, "==0.24.0");
  EXPECT_EQ(pin_kind(r), PinKind::kExact);

  r = parse_ok("requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"");
  EXPECT_EQ(r.extras, (std::vector<std::string>{"security", "tests"}));
  EXPECT_EQ(r.specifier, ">=2.8.1,==2.8.*");
  EXPECT_EQ(r.marker, "python_version < \"2.7\"");
  EXPECT_EQ(pin_kind(r), PinKind::kRange);

  r = parse_ok("name (>=1.0)");
  EXPECT_EQ(r.specifier, ">=1.0");

  r = parse_ok("pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686");
  EXPECT_EQ(r.normalized, "pip");
  EXPECT_EQ(pin_kind(r), PinKind::kUrl);

  r = parse_ok("numpy");
  EXPECT_EQ(pin_kind(r), PinKind::kUnpinned);
  r = parse_ok("torch==2.1.0+cpu");
  EXPECT_EQ(r.specifier, "==2.1.0+cpu");
  r = parse_ok("Django~=4.2");
  EXPECT_EQ(r.normalized, "django");
  EXPECT_EQ(pin_kind(r), PinKind::kRange);
}

TEST(Pep508, Errors) {
  for (std::string_view bad : {"==1.0", "foo==", "foo[bar", "foo >= 1.0 junk", "foo; os_name ==", "foo; bogus == 'x'",
                               "foo @", "foo;"}) {
    Requirement r;
    EXPECT_NE(parse_pep508(bad, r), "") << bad;
  }
}

TEST(Version, Pep440Ordering) {
  // PEP 440 "Summary of permitted suffixes and relative ordering".
  const char* ordered[] = {"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
                           "1.0rc1",     "1.0",   "1.0+abc.5",    "1.0.post456.dev34", "1.0.post456", "1.1.dev1"};
  for (size_t k = 0; k + 1 < std::size(ordered); ++k) {
    auto a = parse_version(ordered[k]);
    auto b = parse_version(ordered[k + 1]);
    ASSERT_TRUE(a && b) << ordered[k];
    EXPECT_LT(compare_versions(*a, *b), 0) << ordered[k] << " < " << ordered[k + 1];
  }
  EXPECT_EQ(compare_versions(*parse_version("1.0"), *parse_version("1.0.0")), 0);
  EXPECT_FALSE(parse_version("not-a-version"));
}

TEST(Version, Specifiers) {
  auto v = *parse_version("2.2.1");
  EXPECT_TRUE(*satisfies(v, "~=2.2"));
  EXPECT_FALSE(*satisfies(v, "~=2.3"));
  EXPECT_TRUE(*satisfies(v, "~=2.2.0"));
  EXPECT_FALSE(*satisfies(*parse_version("2.3"), "~=2.2.0"));
  EXPECT_TRUE(*satisfies(v, "==2.2.*"));
  EXPECT_TRUE(*satisfies(v, "!=2.1.*"));
  EXPECT_TRUE(*satisfies_all(v, ">=2,<3"));
  EXPECT_FALSE(*satisfies_all(v, ">=2,<2.2"));
  // "==2.1.0" matches the local version 2.1.0+cpu (PEP 440, local versions).
  EXPECT_TRUE(*satisfies(*parse_version("2.1.0+cpu"), "==2.1.0"));
  EXPECT_FALSE(*satisfies(*parse_version("2.1.0"), "==2.1.0+cpu"));
}

TEST(Marker, EvaluatesForLinuxCPython) {
  MarkerEnvironment env;  // CPython 3.11 on Linux
  EXPECT_EQ(evaluate_marker("sys_platform == 'win32'", env), Tri::kFalse);
  EXPECT_EQ(evaluate_marker("sys_platform == \"linux\" and python_version >= \"3.8\"", env), Tri::kTrue);
  EXPECT_EQ(evaluate_marker("python_version < '3.7'", env), Tri::kFalse);
  EXPECT_EQ(evaluate_marker("python_version < '3.12' or os_name == 'nt'", env), Tri::kTrue);
  EXPECT_EQ(evaluate_marker("platform_machine == 'x86_64'", env), Tri::kUnknown);
  EXPECT_EQ(evaluate_marker("platform_machine == 'arm64' and os_name == 'nt'", env), Tri::kFalse);
  EXPECT_EQ(evaluate_marker("'linux' in sys_platform", env), Tri::kTrue);
  EXPECT_EQ(evaluate_marker("(python_version >= '3.9') and extra == 'gpu'", env), Tri::kUnknown);
  env.python_version = "3.8";
  EXPECT_EQ(evaluate_marker("python_version >= '3.10'", env), Tri::kFalse);
  EXPECT_NE(check_marker("python_version >= "), "");
  EXPECT_NE(check_marker("(os_name == 'nt'"), "");
}

}  // namespace
}  // namespace ballast::python
