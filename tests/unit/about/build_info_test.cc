#include <gtest/gtest.h>

#include <archive.h>
#include <zstd.h>

#include "about/build_info.h"
#include "util/version.h"

namespace ballast::about {
namespace {

const Library* find(const BuildInfo& info, const std::string& name) {
  for (const auto& lib : info.libraries)
    if (lib.name == name) return &lib;
  return nullptr;
}

TEST(BuildInfo, VersionAndCommit) {
  BuildInfo info = build_info();
  EXPECT_EQ(info.version, kVersion);
  EXPECT_FALSE(info.commit.empty());
  EXPECT_FALSE(info.compiler.empty());
}

// The expected values come from the libraries' own numeric APIs, not the
// strings build_info() parses.
TEST(BuildInfo, RuntimeVersionsFromTheLibraries) {
  BuildInfo info = build_info();
  const Library* archive = find(info, "libarchive");
  ASSERT_NE(archive, nullptr);
  int n = archive_version_number();  // e.g. 3006002
  std::string expected = std::to_string(n / 1000000) + "." + std::to_string(n / 1000 % 1000) + "." +
                         std::to_string(n % 1000);
  EXPECT_EQ(archive->runtime, expected);
  const Library* zstd = find(info, "zstd");
  ASSERT_NE(zstd, nullptr);
  unsigned z = ZSTD_versionNumber();  // e.g. 10504
  EXPECT_EQ(zstd->runtime, std::to_string(z / 10000) + "." + std::to_string(z / 100 % 100) + "." +
                               std::to_string(z % 100));
  for (const char* name : {"libcurl", "openssl", "xxhash", "isa-l", "yaml-cpp"}) {
    const Library* lib = find(info, name);
    ASSERT_NE(lib, nullptr) << name;
    EXPECT_FALSE(lib->headers.empty()) << name;
  }
}

}  // namespace
}  // namespace ballast::about
