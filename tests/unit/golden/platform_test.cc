// `--platform` on a single-platform image (issue 23): asked for a platform
// the image is not, ballast says which one it is (exit 2) instead of
// analysing it anyway; the image's own platform, or no --platform, reads it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

TEST(Platform, SinglePlatformImageMustBeTheOneAskedFor) {
  TempDir dir;
  writer::WriteImage img;
  img.repo_tags = {"plat/test:1"};
  img.os = "linux";
  img.architecture = "amd64";
  writer::WriteLayer l;
  l.entries = {writer::file_entry("etc/hostname", "x\n")};
  img.layers.push_back(l);
  const std::string tar = dir.path() + "/img.tar";
  writer::write_docker_archive({img}, tar);
  const std::string bin = std::string("'") + BALLAST_BINARY + "' ";

  CommandResult wrong = run_command(bin + "analyze '" + tar + "' --no-config --platform linux/arm64 2>&1");
  EXPECT_EQ(wrong.code, 2) << wrong.out;
  EXPECT_NE(wrong.out.find("no image for platform linux/arm64 (present: linux/amd64)"), std::string::npos) << wrong.out;
  EXPECT_EQ(wrong.out.find('\n'), wrong.out.size() - 1) << "one line: " << wrong.out;
  // diff and check read images the same way.
  CommandResult other = run_command(bin + "diff '" + tar + "' '" + tar + "' --no-config --platform linux/arm64 2>&1");
  EXPECT_EQ(other.code, 2) << other.out;
  EXPECT_NE(other.out.find("no image for platform linux/arm64"), std::string::npos) << other.out;
  // sbom and slim take their image options from the same place; slim writes nothing.
  CommandResult sbom = run_command(bin + "sbom '" + tar + "' --no-config --platform linux/arm64 2>&1");
  EXPECT_EQ(sbom.code, 2) << sbom.out;
  EXPECT_NE(sbom.out.find("no image for platform linux/arm64"), std::string::npos) << sbom.out;
  const std::string slimmed = dir.path() + "/slim.tar";
  CommandResult slim = run_command(bin + "slim '" + tar + "' -o '" + slimmed + "' --no-config --platform linux/arm64 2>&1");
  EXPECT_EQ(slim.code, 2) << slim.out;
  EXPECT_NE(slim.out.find("no image for platform linux/arm64"), std::string::npos) << slim.out;
  EXPECT_FALSE(std::filesystem::exists(slimmed));
  EXPECT_EQ(run_command(bin + "sbom '" + tar + "' --no-config --platform linux/amd64 >/dev/null 2>&1").code, 0);
  // Positive controls: the image's own platform, and no --platform at all.
  EXPECT_EQ(run_command(bin + "analyze '" + tar + "' --no-config --platform linux/amd64 >/dev/null 2>&1").code, 0);
  EXPECT_EQ(run_command(bin + "analyze '" + tar + "' --no-config >/dev/null 2>&1").code, 0);
}

}  // namespace
}  // namespace ballast::testing
