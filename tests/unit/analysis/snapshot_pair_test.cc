// snapshot_pair(): the two snapshots of a comparison are those of two
// analyses one after the other, a layer both images hold is read once (by
// A: B takes it from the cache), and errors are A's first.
#include <gtest/gtest.h>

#include <atomic>

#include "analysis/snapshot_pair.h"
#include "cache/layer_cache.h"
#include "util/error.h"
#include "writer/image_writer.h"
#include "../image/temp_dir.h"

namespace ballast::analysis {
namespace {

using namespace ballast::writer;
using testing::TempDir;

// Layer 0 (the same in both): etc/base (100 B). Layer 1: app/f, 10 B in A,
// 20 B in B.
WriteImage image_with(std::size_t top) {
  WriteImage img;
  img.repo_tags = {"pair:1"};
  img.layers.push_back({{dir_entry("etc"), file_entry("etc/base", std::string(100, 'b'))}, "ADD rootfs /"});
  img.layers.push_back({{dir_entry("app"), file_entry("app/f", std::string(top, 'f'))}, "COPY f /app/f"});
  return img;
}

AnalyzeRequest request(const std::string& path, std::shared_ptr<cache::LayerCache> cache) {
  AnalyzeRequest r;
  r.image = path;
  r.hash_files = true;
  r.cache = std::move(cache);
  return r;
}

TEST(SnapshotPair, SharedLayerIsReadOnceAndSnapshotsAreTheSerialOnes) {
  TempDir tmp;
  write_docker_archive({image_with(10)}, tmp / "a.tar");
  write_docker_archive({image_with(20)}, tmp / "b.tar");
  auto cache = std::make_shared<cache::LayerCache>(tmp / "cache", cache::kDefaultMaxSize, nullptr);
  auto [a, b] = snapshot_pair(request(tmp / "a.tar", cache), request(tmp / "b.tar", cache));
  // A reads and stores both layers; B finds the base and reads its top.
  const cache::CacheStats s = cache->stats();
  EXPECT_EQ(s.misses, 3u);
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.stored, 3u);
  EXPECT_EQ(a.stored_bytes, 110u);
  EXPECT_EQ(b.stored_bytes, 120u);
  ASSERT_EQ(a.entries.size(), 2u);
  ASSERT_EQ(b.entries.size(), 2u);
  EXPECT_EQ(a.entries[0].path, "/etc/base");
  EXPECT_EQ(b.entries[1].path, "/app/f");
  EXPECT_EQ(b.entries[1].size, 20u);
  EXPECT_EQ(a.source, tmp / "a.tar");
  EXPECT_EQ(b.source, tmp / "b.tar");
  // Without a cache: the same snapshots.
  auto [a2, b2] = snapshot_pair(request(tmp / "a.tar", nullptr), request(tmp / "b.tar", nullptr));
  EXPECT_EQ(a2.stored_bytes, a.stored_bytes);
  EXPECT_EQ(b2.final_bytes, b.final_bytes);
  EXPECT_EQ(b2.entries[1].hash, b.entries[1].hash);
}

TEST(SnapshotPair, AFailingBeforeItsLayersIsTheErrorAndBNeverStarts) {
  TempDir tmp;
  write_docker_archive({image_with(20)}, tmp / "b.tar");
  std::atomic<bool> b_read{false};
  AnalyzeRequest b = request(tmp / "b.tar", nullptr);
  b.on_layers_read = [&] { b_read = true; };
  try {
    snapshot_pair(request(tmp / "missing.tar", nullptr), b);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.tar"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(b_read);
}

TEST(SnapshotPair, BFailingIsTheErrorWhenAIsFine) {
  TempDir tmp;
  write_docker_archive({image_with(10)}, tmp / "a.tar");
  write_file(tmp / "b.tar", "not an archive");
  bool a_read = false;
  AnalyzeRequest a = request(tmp / "a.tar", nullptr);
  a.on_layers_read = [&] { a_read = true; };  // the caller's hook still runs
  try {
    snapshot_pair(a, request(tmp / "b.tar", nullptr));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("b.tar"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(a_read);
}

}  // namespace
}  // namespace ballast::analysis
