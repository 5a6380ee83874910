// The cache folder: stored entries come back, damaged ones are refused with
// a warning (and replaced by the next store), a folder that cannot be used
// is a warning, and eviction drops the least recently used first.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <utime.h>

#include <fstream>
#include <vector>

#include "../image/temp_dir.h"
#include "cache/entry_files.h"
#include "cache/layer_cache.h"

namespace ballast::cache {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

LayerKey key(const std::string& digest) {
  LayerKey k;
  k.digest = digest;
  k.diff_id = "sha256:diff-" + digest;
  k.stored_size = 100;
  k.verify = "compressed";
  return k;
}

image::LayerReadResult result(std::string_view path, std::size_t pad = 0) {
  image::LayerReadResult r;
  image::TarEntry e;
  e.path_offset = r.table.add_string(path);
  e.path_length = static_cast<std::uint32_t>(path.size());
  e.size = 7;
  r.table.entries().push_back(e);
  if (pad) r.captured.emplace_back(0, std::string(pad, 'p'));
  return r;
}

struct Warnings {
  std::vector<std::string> lines;
  LayerCache::Warn sink() {
    return [this](const std::string& w) { lines.push_back(w); };
  }
};

TEST(LayerCache, StoredEntryComesBack) {
  TempDir dir;
  Warnings w;
  LayerCache c(dir.path(), kDefaultMaxSize, w.sink());
  ASSERT_TRUE(c.enabled());
  EXPECT_FALSE(c.lookup(key("a")));
  c.store(key("a"), result("etc/a"));
  auto hit = c.lookup(key("a"));
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->table.path(hit->table.entries()[0]), "etc/a");
  EXPECT_FALSE(c.lookup(key("b")));  // another layer is not this one
  CacheStats s = c.stats();
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 2u);
  EXPECT_EQ(s.stored, 1u);
  EXPECT_TRUE(w.lines.empty());
  // Entries live in <root>/layers and no temporary file is left.
  auto entries = list_entries(fs::path(dir.path()) / "layers");
  ASSERT_EQ(entries.size(), 1u);
  std::size_t files = 0;
  for (auto& f : fs::directory_iterator(fs::path(dir.path()) / "layers")) files += f.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST(LayerCache, TruncatedOrCorruptEntryIsIgnoredWithAWarningAndRebuilt) {
  TempDir dir;
  Warnings w;
  LayerCache c(dir.path(), kDefaultMaxSize, w.sink());
  c.store(key("a"), result("etc/a"));
  const fs::path file = list_entries(fs::path(dir.path()) / "layers").at(0).path;
  fs::resize_file(file, fs::file_size(file) - 3);
  EXPECT_FALSE(c.lookup(key("a")));
  ASSERT_EQ(w.lines.size(), 1u);
  EXPECT_NE(w.lines[0].find("ignoring damaged entry"), std::string::npos) << w.lines[0];
  EXPECT_NE(w.lines[0].find("truncated"), std::string::npos) << w.lines[0];
  EXPECT_EQ(c.stats().rejected, 1u);
  // Same size, one byte changed: the checksum says so.
  c.store(key("a"), result("etc/a"));
  ASSERT_TRUE(c.lookup(key("a"))) << "rebuilt entry is used again";
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-2, std::ios::end);
    f.put('Z');
  }
  EXPECT_FALSE(c.lookup(key("a")));
  ASSERT_EQ(w.lines.size(), 2u);
  EXPECT_NE(w.lines[1].find("checksum mismatch"), std::string::npos) << w.lines[1];
}

TEST(LayerCache, UnusableFolderWarnsAndDisables) {
  TempDir dir;
  const std::string blocker = dir / "file";
  std::ofstream(blocker) << "x";
  Warnings w;
  LayerCache c(blocker + "/sub", kDefaultMaxSize, w.sink());
  EXPECT_FALSE(c.enabled());
  ASSERT_EQ(w.lines.size(), 1u);
  EXPECT_NE(w.lines[0].find("layers are read without a cache"), std::string::npos) << w.lines[0];
  c.store(key("a"), result("etc/a"));  // does nothing, throws nothing
  EXPECT_FALSE(c.lookup(key("a")));
  // Positive control: the same cache under a usable folder works.
  LayerCache ok(dir / "ok", kDefaultMaxSize, w.sink());
  EXPECT_TRUE(ok.enabled());
}

TEST(LayerCache, EvictsLeastRecentlyUsedBeyondTheCap) {
  TempDir dir;
  Warnings w;
  const fs::path layers = fs::path(dir.path()) / "layers";
  {
    LayerCache c(dir.path(), kDefaultMaxSize, w.sink());
    for (const char* d : {"a", "b", "c"}) c.store(key(d), result(d, 1000));
  }
  // Uses a hour apart, oldest first: a, then b, then c.
  auto entries = list_entries(layers);
  ASSERT_EQ(entries.size(), 3u);
  const std::uint64_t one = entries[0].size;
  std::time_t t = std::time(nullptr) - 10 * 3600;
  LayerCache probe(dir.path(), kDefaultMaxSize, w.sink());
  for (const char* d : {"a", "b", "c"}) {
    for (const EntryFile& e : list_entries(layers)) {
      std::ifstream in(e.path, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      if (bytes.find(std::string("digest=") + d + "|") == std::string::npos) continue;
      struct utimbuf times{t, t};
      ASSERT_EQ(::utime(e.path.c_str(), &times), 0);
    }
    t += 3600;
  }
  // A hit makes "a" the most recent; a cap of two entries then evicts b.
  ASSERT_TRUE(probe.lookup(key("a")));
  PruneResult r = prune_entries(layers, 2 * one);
  EXPECT_EQ(r.removed, 1u);
  EXPECT_EQ(r.kept, 2u);
  EXPECT_TRUE(probe.lookup(key("a")));
  EXPECT_FALSE(probe.lookup(key("b")));
  EXPECT_TRUE(probe.lookup(key("c")));
  EXPECT_EQ(prune_entries(layers, 0).removed, 2u);
  EXPECT_TRUE(list_entries(layers).empty());
}

TEST(LayerCache, StaleTemporaryFilesArePruned) {
  TempDir dir;
  Warnings w;
  LayerCache c(dir.path(), kDefaultMaxSize, w.sink());
  const fs::path layers = fs::path(dir.path()) / "layers";
  const fs::path old_temp = layers / temp_name("x.layer");
  const fs::path new_temp = layers / temp_name("y.layer");
  std::ofstream(old_temp) << "partial";
  std::ofstream(new_temp) << "partial";
  std::time_t t = std::time(nullptr) - 2 * 3600;
  struct utimbuf times{t, t};
  ASSERT_EQ(::utime(old_temp.c_str(), &times), 0);
  EXPECT_EQ(prune_entries(layers, kDefaultMaxSize).temp_removed, 1u);
  EXPECT_FALSE(fs::exists(old_temp));
  EXPECT_TRUE(fs::exists(new_temp)) << "a live writer's file stays";
}

}  // namespace
}  // namespace ballast::cache
