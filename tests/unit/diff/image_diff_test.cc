// diff_images() on hand-built snapshots: every number below is worked out
// from the entries the test lists.
#include "diff/image_diff.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace ballast::diff {
namespace {

using analysis::ImageSnapshot;
using analysis::SnapshotEntry;
using attribution::Dimension;

SnapshotEntry entry(std::string path, std::uint32_t layer, std::uint64_t size, bool visible, std::uint16_t category,
                    std::uint32_t package, std::uint64_t hash, std::uint32_t mode = 0644) {
  SnapshotEntry e;
  e.path = std::move(path);
  e.layer = layer;
  e.size = size;
  e.visible = visible;
  e.category = category;
  e.package = package;
  e.hash = hash;
  e.mode = mode;
  return e;
}

// A: base layer (sha256:base) with /usr/lib/libc.so 5000 (deb:libc6 2.36) and
//    /app/old.py 100; layer "RUN pip install" with /usr/lib/py/torch.so
//    3000 (pypi:torch 2.0), /app/x.pyc 10.
// B: the same base layer; "RUN pip install" rebuilt: torch.so 4000
//    (pypi:torch 2.1) + numpy.so 700 (pypi:numpy 1.26), /app/x.pyc 12;
//    /app/old.py gone, chmod'ed copy of nothing else; ENV changed.
ImageSnapshot image_a() {
  ImageSnapshot s;
  s.source = "a";
  s.layers = {{"sha256:base", "", "ADD rootfs /", 5100, 2000}, {"sha256:pip1", "", "RUN pip install", 3010, 1500}};
  s.stored_bytes = 8110;
  s.final_bytes = 8110;
  s.compressed_bytes = 3500;
  s.attributed = true;
  s.categories = {{"os-packages", "", 5000, 5000}, {"python-packages", "", 3000, 3000}, {"app", "", 110, 110}};
  s.packages = {{"deb:libc6", "2.36", 5000, 5000}, {"pypi:torch", "2.0", 3000, 3000}};
  s.has_entries = true;
  s.entries = {entry("/usr/lib/libc.so", 0, 5000, true, 0, 0, 0xc),
               entry("/app/old.py", 0, 100, true, 2, analysis::kNoPackage, 0x01),
               entry("/usr/lib/py/torch.so", 1, 3000, true, 1, 1, 0x70),
               entry("/app/x.pyc", 1, 10, true, 2, analysis::kNoPackage, 0xa)};
  s.config.env = {"PATH=/usr/bin", "MODE=dev"};
  s.config.exposed_ports = {"8080/tcp"};
  s.has_findings = true;
  model::Finding cache;
  cache.id = "image.cache.pip";
  cache.bytes_saved = 10;
  s.findings = {cache};
  return s;
}

ImageSnapshot image_b() {
  ImageSnapshot s;
  s.source = "b";
  s.layers = {{"sha256:base", "", "ADD rootfs /", 5100, 2000}, {"sha256:pip2", "", "RUN pip install", 4712, 1900}};
  s.stored_bytes = 9812;  // 5100 + 4000 + 700 + 12
  s.final_bytes = 9712;   // old.py (100) hidden by a whiteout in layer 1
  s.compressed_bytes = 3900;
  s.attributed = true;
  s.categories = {{"os-packages", "", 5000, 5000}, {"python-packages", "", 4700, 4700}, {"app", "", 112, 12}};
  s.packages = {{"deb:libc6", "2.36", 5000, 5000}, {"pypi:torch", "2.1", 4000, 4000}, {"pypi:numpy", "1.26", 700, 700}};
  s.has_entries = true;
  s.entries = {entry("/usr/lib/libc.so", 0, 5000, true, 0, 0, 0xc),
               entry("/app/old.py", 0, 100, false, 2, analysis::kNoPackage, 0x01),
               entry("/usr/lib/py/torch.so", 1, 4000, true, 1, 1, 0x71),
               entry("/usr/lib/py/numpy.so", 1, 700, true, 1, 2, 0x72),
               entry("/app/x.pyc", 1, 12, true, 2, analysis::kNoPackage, 0xb)};
  s.config.env = {"PATH=/usr/bin", "MODE=prod", "NEW=1"};
  s.config.labels = {{"org.opencontainers.image.version", "2"}};
  s.has_findings = true;
  model::Finding weights;
  weights.id = "image.model-weights";
  weights.bytes_saved = 700;
  s.findings = {weights};
  return s;
}

void expect_children_add_up(const DiffNode& n) {
  if (n.children.empty()) return;
  std::int64_t stored = 0, final = 0;
  for (const auto& c : n.children) {
    stored += c.stored.delta();
    final += c.final.delta();
    expect_children_add_up(c);
  }
  EXPECT_EQ(stored, n.stored.delta()) << n.name;
  EXPECT_EQ(final, n.final.delta()) << n.name;
}

// --cost on the snapshots above: A's layers 2000 + 1500 B compressed, B's
// 2000 + 1900 (sha256:pip2 new). Rates: $1/GB-month storage, $1/GB egress,
// 1 pull/day, 0.008 Mbit/s (1000 B/s), base shared (1 layer).
//   A: storage 3.5e-6 GB * 1 = $0.0000035; a pull fetches pip1 (1500 B):
//      $0.0000015, * 30 = $0.000045/month; $0.0000485/month; 1.5 s.
//   B: storage 3.9e-6; a pull 1900 B: $0.0000019, $0.000057/month;
//      $0.0000609/month; 1.9 s.  Change +$0.0000124/month, +0.4 s.
//   Update: B's new layer only, 1900 B, 1.9 s.
TEST(ImageDiff, CostOfBothSidesAndTheUpdate) {
  ImageSnapshot a = image_a(), b = image_b();
  for (ImageSnapshot* s : {&a, &b}) {
    for (const auto& l : s->layers) {
      cost::LayerCost lc;
      lc.diff_id = l.diff_id;
      lc.compressed_bytes = l.compressed_size;
      s->cost_layers.push_back(lc);
    }
    s->base_layers = 1;
  }
  DiffOptions o;
  o.cost = cost::parse_rates("storage=1,egress=1,pulls=1,bandwidth=0.008");
  const ImageDiff d = diff_images(a, b, o);
  ASSERT_TRUE(d.cost);
  EXPECT_NEAR(d.cost->a.per_month, 0.0000485, 1e-12);
  EXPECT_NEAR(d.cost->b.per_month, 0.0000609, 1e-12);
  EXPECT_NEAR(d.cost->per_month_delta(), 0.0000124, 1e-12);
  EXPECT_NEAR(d.cost->seconds_per_pull_delta(), 0.4, 1e-9);
  EXPECT_EQ(d.cost->update_pull_bytes, 1900u);
  EXPECT_EQ(d.cost->update_layers, 1);
  EXPECT_NEAR(d.cost->seconds_update_pull, 1.9, 1e-9);
  EXPECT_FALSE(diff_images(a, b, {}).cost);  // only when asked
}

TEST(ImageDiff, HeaderAndSharedLayers) {
  const ImageDiff d = diff_images(image_a(), image_b(), {});
  EXPECT_EQ(d.stored.delta(), 9812 - 8110);
  EXPECT_EQ(d.final.delta(), 9712 - 8110);
  EXPECT_EQ(d.compressed.delta(), 400);
  EXPECT_EQ(d.layers.delta(), 0);
  ASSERT_EQ(d.shared_layers.size(), 1u);
  EXPECT_EQ(d.shared_layers[0].diff_id, "sha256:base");
  EXPECT_EQ(d.shared_bytes, 5100u);
  ASSERT_EQ(d.added_layers.size(), 1u);
  ASSERT_EQ(d.removed_layers.size(), 1u);
  EXPECT_EQ(d.removed_layers[0].diff_id, "sha256:pip1");
}

TEST(ImageDiff, TreeByLayerAndPackageAddsUpToTheHeader) {
  DiffOptions o;
  o.dimensions = {Dimension::kLayer, Dimension::kPackage};
  const ImageDiff d = diff_images(image_a(), image_b(), o);
  ASSERT_TRUE(d.has_tree);
  EXPECT_EQ(d.tree.stored.delta(), d.stored.delta());
  EXPECT_EQ(d.tree.final.delta(), d.final.delta());
  expect_children_add_up(d.tree);
  // Stored: base layer unchanged (hidden: no change); RUN pip install +1702.
  // Final: base -100 (old.py hidden), pip layer +1702.
  ASSERT_EQ(d.tree.children.size(), 2u);
  const DiffNode& pip = d.tree.children[0];
  EXPECT_EQ(pip.name, "RUN pip install");
  EXPECT_EQ(pip.stored.delta(), 1702);
  ASSERT_EQ(pip.children.size(), 3u);
  EXPECT_EQ(pip.children[0].name, "pypi:torch");
  EXPECT_EQ(pip.children[0].stored.delta(), 1000);
  EXPECT_EQ(pip.children[1].name, "pypi:numpy");
  EXPECT_TRUE(pip.children[1].is_new());
  EXPECT_EQ(pip.children[2].name, "[unowned]");
  EXPECT_EQ(pip.children[2].stored.delta(), 2);
  const DiffNode& base = d.tree.children[1];
  EXPECT_EQ(base.stored.delta(), 0);
  EXPECT_EQ(base.final.delta(), -100);
}

TEST(ImageDiff, FoldingAndDeletedRows) {
  DiffOptions o;
  o.dimensions = {Dimension::kFile};
  o.top = 1;
  const ImageDiff d = diff_images(image_a(), image_b(), o);
  // Changed files: numpy.so +700 [NEW], torch.so +1000, x.pyc +2, old.py final -100.
  ASSERT_EQ(d.tree.children.size(), 2u);
  EXPECT_EQ(d.tree.children[0].name, "/usr/lib/py/torch.so");
  EXPECT_EQ(d.tree.children[1].name, "[3 others]");
  EXPECT_EQ(d.tree.children[1].folded, 3u);
  EXPECT_EQ(d.tree.children[1].stored.delta(), 702);
  expect_children_add_up(d.tree);

  ImageDiff back = diff_images(image_b(), image_a(), o);
  EXPECT_EQ(back.tree.stored.delta(), -1702);
  DiffOptions all;
  all.dimensions = {Dimension::kFile};
  back = diff_images(image_b(), image_a(), all);
  bool saw_deleted = false;
  for (const auto& c : back.tree.children)
    if (c.name == "/usr/lib/py/numpy.so") saw_deleted = c.is_deleted();
  EXPECT_TRUE(saw_deleted);
}

TEST(ImageDiff, PackagesFilesConfigFindings) {
  DiffOptions o;
  const ImageDiff d = diff_images(image_a(), image_b(), o);
  ASSERT_EQ(d.packages.size(), 2u);
  EXPECT_EQ(d.packages[0].label, "pypi:torch");
  EXPECT_EQ(d.packages[0].change, Change::kChanged);
  EXPECT_EQ(d.packages[0].version_a, "2.0");
  EXPECT_EQ(d.packages[0].version_b, "2.1");
  EXPECT_EQ(d.packages[1].label, "pypi:numpy");
  EXPECT_EQ(d.packages[1].change, Change::kAdded);
  ASSERT_FALSE(d.categories.empty());
  EXPECT_EQ(d.categories[0].first, "python-packages");

  // Files (final filesystem): old.py removed, numpy.so added, torch.so and x.pyc changed.
  ASSERT_EQ(d.files.size(), 4u);
  EXPECT_EQ(d.files[0].path, "/app/old.py");
  EXPECT_EQ(d.files[0].change, Change::kRemoved);
  EXPECT_EQ(d.files[1].path, "/app/x.pyc");
  EXPECT_TRUE(d.files[1].content);

  ASSERT_EQ(d.config.size(), 4u);
  EXPECT_EQ(d.config[0].field, "env");
  EXPECT_EQ(d.config[0].key, "MODE");
  EXPECT_EQ(d.config[0].a, "dev");
  EXPECT_EQ(d.config[0].b, "prod");
  EXPECT_EQ(d.config[1].key, "NEW");
  EXPECT_EQ(d.config[1].change, Change::kAdded);
  EXPECT_EQ(d.config[2].field, "exposed_ports");
  EXPECT_EQ(d.config[2].change, Change::kRemoved);
  EXPECT_EQ(d.config[3].field, "labels");
  EXPECT_EQ(d.config[3].key, "org.opencontainers.image.version");
  EXPECT_EQ(d.config[3].change, Change::kAdded);

  ASSERT_EQ(d.findings.size(), 2u);
  EXPECT_FALSE(d.findings[0].fixed);
  EXPECT_EQ(d.findings[0].finding.id, "image.model-weights");
  EXPECT_TRUE(d.findings[1].fixed);
  EXPECT_EQ(d.findings[1].finding.id, "image.cache.pip");
}

TEST(ImageDiff, SameSizeContentByHashModeOwnerAndIgnore) {
  ImageSnapshot a = image_a(), b = image_a();
  b.source = "b";
  b.entries[2].hash = 0x99;  // torch.so: same size, other bytes
  b.entries[0].mode = 0755;  // libc.so chmod
  b.entries[1].uid = 1000;   // old.py chown
  b.entries[3].hash = 0x98;  // x.pyc: other bytes
  DiffOptions o;
  ImageDiff d = diff_images(a, b, o);
  ASSERT_EQ(d.files.size(), 4u);
  EXPECT_EQ(d.files[0].path, "/app/old.py");
  EXPECT_TRUE(d.files[0].owner);
  EXPECT_FALSE(d.files[0].content);
  EXPECT_EQ(d.files[2].path, "/usr/lib/libc.so");
  EXPECT_TRUE(d.files[2].mode);
  EXPECT_FALSE(d.files[2].content);
  EXPECT_EQ(d.files[3].path, "/usr/lib/py/torch.so");
  EXPECT_TRUE(d.files[3].content);
  o.ignore = {"**/*.pyc"};
  d = diff_images(a, b, o);
  EXPECT_EQ(d.files.size(), 3u);
  EXPECT_EQ(d.files_ignored, 1u);
  for (const auto& f : d.files) EXPECT_NE(f.path, "/app/x.pyc");
  // The totals do not move with --ignore.
  EXPECT_EQ(d.stored.delta(), 0);
}

TEST(ImageDiff, SavedReportWithoutEntriesCannotBreakDown) {
  ImageSnapshot a = image_a();
  a.has_entries = false;
  a.entries.clear();
  DiffOptions o;
  o.dimensions = {Dimension::kLayer};
  EXPECT_THROW(diff_images(a, image_b(), o), InputError);
  const ImageDiff d = diff_images(a, image_b(), {});
  EXPECT_FALSE(d.has_files);
  EXPECT_EQ(d.stored.delta(), 1702);
}

}  // namespace
}  // namespace ballast::diff
