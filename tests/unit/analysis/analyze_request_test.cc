// What an AnalyzeRequest turns off is not computed: the top lists of
// `largest` (snapshots of diff and check ask for none).
#include <gtest/gtest.h>

#include "analysis/analyze.h"
#include "writer/image_writer.h"
#include "../image/temp_dir.h"

namespace ballast::analysis {
namespace {

using namespace ballast::writer;
using testing::TempDir;

TEST(AnalyzeRequest, LargestListsOnlyWhenAsked) {
  TempDir tmp;
  WriteImage img;
  img.repo_tags = {"top:1"};
  img.layers.push_back({{dir_entry("d"), file_entry("d/big", std::string(300, 'b')),
                         file_entry("d/small", std::string(10, 's'))},
                        "ADD rootfs /"});
  write_docker_archive({img}, tmp / "img.tar");
  AnalyzeRequest r;
  r.image = tmp / "img.tar";
  AnalyzeReport with = analyze(r);
  ASSERT_EQ(with.largest_files.size(), 2u);
  EXPECT_EQ(with.largest_files[0].size, 300u);
  EXPECT_FALSE(with.largest_directories.empty());
  r.largest = false;
  AnalyzeReport without = analyze(r);
  EXPECT_TRUE(without.largest_files.empty());
  EXPECT_TRUE(without.largest_directories.empty());
  EXPECT_EQ(without.image.final_bytes, 310u);  // the rest is the same analysis
}

}  // namespace
}  // namespace ballast::analysis
