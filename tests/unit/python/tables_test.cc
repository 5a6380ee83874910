// The built-in data tables: standard library per version (checked against
// the facts of the Python docs and, when the interpreters are installed,
// against their own sys.stdlib_module_names), and the package tables.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>

#include "python/finding_codes.h"
#include "python/known_packages.h"
#include "python/package_name.h"
#include "python/stdlib_modules.h"

namespace ballast::python {
namespace {

TEST(Stdlib, VersionDifferencesFromTheDocs) {
  for (int v = 8; v <= 13; ++v) {
    EXPECT_TRUE(is_stdlib_module("os", v));
    EXPECT_TRUE(is_stdlib_module("asyncio", v));
    EXPECT_TRUE(is_stdlib_module("__future__", v));
    EXPECT_FALSE(is_stdlib_module("numpy", v));
    EXPECT_FALSE(is_stdlib_module("yaml", v));
  }
  // "What's New": distutils, asynchat, asyncore, imp, smtpd removed in 3.12.
  for (auto name : {"distutils", "asynchat", "asyncore", "imp", "smtpd"}) {
    EXPECT_TRUE(is_stdlib_module(name, 11)) << name;
    EXPECT_FALSE(is_stdlib_module(name, 12)) << name;
  }
  // tomllib added in 3.11; zoneinfo and graphlib in 3.9.
  EXPECT_FALSE(is_stdlib_module("tomllib", 10));
  EXPECT_TRUE(is_stdlib_module("tomllib", 11));
  EXPECT_FALSE(is_stdlib_module("zoneinfo", 8));
  EXPECT_TRUE(is_stdlib_module("graphlib", 9));
  // PEP 594 removals in 3.13.
  for (auto name : {"cgi", "cgitb", "crypt", "telnetlib", "nntplib", "aifc", "audioop", "pipes", "uu", "xdrlib",
                    "imghdr", "sndhdr", "spwd", "mailcap", "msilib", "nis", "ossaudiodev", "sunau", "chunk"}) {
    EXPECT_TRUE(is_stdlib_module(name, 12)) << name;
    EXPECT_FALSE(is_stdlib_module(name, 13)) << name;
  }
  EXPECT_FALSE(is_stdlib_module("lib2to3", 13));
  // binhex removed in 3.11; parser/symbol/formatter in 3.10.
  EXPECT_TRUE(is_stdlib_module("binhex", 10));
  EXPECT_FALSE(is_stdlib_module("binhex", 11));
  EXPECT_TRUE(is_stdlib_module("parser", 9));
  EXPECT_FALSE(is_stdlib_module("parser", 10));
  EXPECT_TRUE(is_stdlib_module("dummy_threading", 8));
  EXPECT_FALSE(is_stdlib_module("dummy_threading", 9));
}

TEST(Stdlib, PythonVersionFlag) {
  EXPECT_EQ(parse_python_version("3.11"), 11);
  EXPECT_EQ(parse_python_version("3.8.18"), 8);
  EXPECT_FALSE(parse_python_version("3.7"));
  EXPECT_FALSE(parse_python_version("3.14"));
  EXPECT_FALSE(parse_python_version("2.7"));
  EXPECT_FALSE(parse_python_version("3.x"));
}

// Independent oracle: the interpreters' own list, when pyenv has them.
TEST(Stdlib, MatchesInstalledInterpreters) {
  int checked = 0;
  for (int v = 10; v <= 13; ++v) {
    std::string dir = "/root/.pyenv/versions/";
    std::string python;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.path().filename().string().rfind("3." + std::to_string(v) + ".", 0) == 0) python = (e.path() / "bin/python").string();
    }
    if (python.empty()) continue;
    std::string cmd = python + " -c \"import sys; print('\\n'.join(sorted(sys.stdlib_module_names)))\"";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    ASSERT_TRUE(pipe);
    std::array<char, 256> buf{};
    std::ostringstream all;
    while (fgets(buf.data(), buf.size(), pipe.get())) all << buf.data();
    std::istringstream lines(all.str());
    std::string name;
    int count = 0;
    while (std::getline(lines, name)) {
      EXPECT_TRUE(is_stdlib_module(name, v)) << name << " in 3." << v;
      ++count;
    }
    EXPECT_GT(count, 250);
    ++checked;
  }
  if (checked == 0) GTEST_SKIP() << "no pyenv interpreters 3.10-3.13 to compare with";
}

TEST(KnownPackages, TablesSortedNormalisedAndGenerous) {
  for (auto keys : {import_table_keys(), command_table_keys(), dependency_table_keys()}) {
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
    EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
  }
  for (auto key : import_table_keys()) EXPECT_EQ(normalize_name(key), key);
  for (auto key : dependency_table_keys()) EXPECT_EQ(normalize_name(key), key);
  EXPECT_GE(import_name_table_size(), 60u);
}

TEST(KnownPackages, WellKnownMismatches) {
  auto names = [](std::string_view dist) { return import_names_for(normalize_name(dist)).names; };
  EXPECT_EQ(names("scikit-learn"), std::vector<std::string>{"sklearn"});
  EXPECT_EQ(names("Pillow"), std::vector<std::string>{"PIL"});
  EXPECT_EQ(names("opencv-python-headless"), std::vector<std::string>{"cv2"});
  EXPECT_EQ(names("PyYAML"), std::vector<std::string>{"yaml"});
  EXPECT_EQ(names("beautifulsoup4"), std::vector<std::string>{"bs4"});
  EXPECT_EQ(names("python-dateutil"), std::vector<std::string>{"dateutil"});
  EXPECT_EQ(names("pycryptodome"), std::vector<std::string>{"Crypto"});
  EXPECT_EQ(names("protobuf"), std::vector<std::string>{"google.protobuf"});
  ImportNames guess = import_names_for("librosa");
  EXPECT_TRUE(guess.guessed);
  EXPECT_EQ(guess.names, std::vector<std::string>{"librosa"});
  EXPECT_EQ(import_names_for("google-cloud-firestore").names.back(), "google.cloud.firestore");
  EXPECT_EQ(distribution_for_module("sklearn"), "scikit-learn");
  EXPECT_EQ(distribution_for_module("requests"), "requests");
  EXPECT_EQ(distribution_for_command("torchrun"), "torch");
  EXPECT_TRUE(is_dev_tool("pytest-asyncio"));
  EXPECT_TRUE(is_dev_tool("types-requests"));
  EXPECT_TRUE(is_dev_tool("boto3-stubs"));
  EXPECT_FALSE(is_dev_tool("requests"));
}

TEST(FindingCodes, FailOnNamesAndIds) {
  EXPECT_EQ(parse_fail_on("unused,missing"), (std::vector<std::string>{"DEP002", "DEP001"}));
  EXPECT_EQ(parse_fail_on("DEP103"), std::vector<std::string>{"DEP103"});
  EXPECT_EQ(parse_fail_on("all").size(), finding_codes().size());
  EXPECT_TRUE(parse_fail_on("").empty());
  EXPECT_THROW(parse_fail_on("unused,bogus"), std::exception);
}

}  // namespace
}  // namespace ballast::python
