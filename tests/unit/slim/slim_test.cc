// ballast slim on images the test writes itself. Expected new layers are
// written out by hand from the layer semantics (OCI image-spec layer.md):
// which entries stay visible, which whiteouts the kept base needs. The
// output is read back with libarchive directly, not with ballast's reader.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "analysis/analyze.h"
#include "slim/output_target.h"
#include "slim/slim.h"
#include "slim/verify.h"
#include "util/error.h"
#include "util/sha256.h"
#include "writer/image_writer.h"
#include "../image/temp_dir.h"

namespace ballast::slim {
namespace {

using namespace ballast::writer;
using image::Compression;
using testing::TempDir;
using nlohmann::json;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "name type mode uid:gid size [-> link] [=contents]" per entry of a tar blob (any compression).
std::vector<std::string> list_tar(const std::string& bytes) {
  std::vector<std::string> out;
  struct archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  archive_read_support_format_empty(a);
  archive_read_support_filter_all(a);
  EXPECT_EQ(archive_read_open_memory(a, bytes.data(), bytes.size()), ARCHIVE_OK);
  struct archive_entry* e;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    std::ostringstream line;
    const mode_t t = archive_entry_filetype(e);
    const char* kind = archive_entry_hardlink(e) ? "link" : t == AE_IFDIR ? "dir" : t == AE_IFLNK ? "sym" : "file";
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", archive_entry_perm(e));
    line << archive_entry_pathname(e) << " " << kind << " " << mode << " " << archive_entry_uid(e) << ":"
         << archive_entry_gid(e) << " " << archive_entry_size(e);
    if (archive_entry_hardlink(e)) line << " -> " << archive_entry_hardlink(e);
    if (t == AE_IFLNK) line << " -> " << archive_entry_symlink(e);
    std::string data(static_cast<std::size_t>(archive_entry_size(e)), '\0');
    if (!data.empty() && !archive_entry_hardlink(e)) {
      archive_read_data(a, data.data(), data.size());
      line << " =" << (data.size() > 12 ? data.substr(0, 1) + "*" + std::to_string(data.size()) : data);
    }
    out.push_back(line.str());
  }
  archive_read_free(a);
  return out;
}

struct OciImage {
  json manifest, config;
  std::vector<std::string> layers;  // blobs as stored
  std::vector<std::string> layer_digests;
};

OciImage read_oci(const std::string& dir) {
  OciImage r;
  auto blob = [&](const std::string& d) { return slurp(dir + "/blobs/sha256/" + d.substr(7)); };
  json index = json::parse(slurp(dir + "/index.json"));
  std::string m = blob(index["manifests"][0]["digest"]);
  EXPECT_EQ("sha256:" + sha256_hex(m), index["manifests"][0]["digest"]);
  r.manifest = json::parse(m);
  std::string c = blob(r.manifest["config"]["digest"]);
  EXPECT_EQ("sha256:" + sha256_hex(c), r.manifest["config"]["digest"]);
  r.config = json::parse(c);
  for (const auto& l : r.manifest["layers"]) {
    std::string b = blob(l["digest"]);
    EXPECT_EQ("sha256:" + sha256_hex(b), l["digest"]);
    EXPECT_EQ(b.size(), l["size"].get<std::size_t>());
    r.layer_digests.push_back(l["digest"]);
    r.layers.push_back(std::move(b));
  }
  return r;
}

SlimResult run_slim(const std::string& in, const std::string& out, int base = 1, DropRules drop = {}) {
  SlimRequest r;
  r.analyze.image = in;
  r.analyze.base_layers = base;
  r.output = out;
  r.drop = std::move(drop);
  return slim(r);
}

// "path type mode uid size" of each path the final filesystem shows (a
// hardlink counts as the file it is).
std::vector<std::string> final_files(const analysis::AnalyzeReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.image.final_files) {
    const auto& e = r.image.entry(f.ref);
    const auto type = e.type == image::EntryType::kHardlink ? image::EntryType::kFile : e.type;
    out.push_back(std::string(f.path) + " " + std::string(image::to_string(type)) + " " + std::to_string(e.mode) +
                  " " + std::to_string(e.uid) + " " + std::to_string(f.size));
  }
  return out;
}

// sample() slimmed above its one base layer, read back by the analysis:
// nothing reclaimable above the base (what stays lives in the base: etc/a
// 100, d/x 1000, d/y 500, keep 5), the same final files, 300 bytes less stored.
void expect_slimmed_sample(const std::string& in, const std::string& out, std::size_t layers) {
  analysis::AnalyzeRequest a;
  a.image = in;
  const analysis::AnalyzeReport before = analysis::analyze(a);
  a.image = out;
  const analysis::AnalyzeReport after = analysis::analyze(a);
  ASSERT_EQ(after.image.layers.size(), layers);
  for (std::size_t l = 1; l < layers; ++l) EXPECT_EQ(after.image.layers[l].reclaimable, 0u) << l;
  EXPECT_EQ(after.image.reclaimable_bytes, 1605u);
  EXPECT_EQ(final_files(after), final_files(before));
  EXPECT_EQ(before.image.stored_bytes - after.image.stored_bytes, 300u);
}

WriteEntry owned(WriteEntry e, std::uint32_t uid, std::uint32_t gid) {
  e.uid = uid;
  e.gid = gid;
  return e;
}

// Base: etc/a (100), d/x (1000), d/y (500), keep (5). Above it: big (300)
// added then deleted with etc/a; f added; keep chmod-copied to 0600 by
// uid 7; d made opaque with only d/z; a hardlink pair whose file is then
// deleted; a symlink.
WriteImage sample() {
  WriteImage img;
  img.repo_tags = {"s:1"};
  img.layers.push_back({{dir_entry("etc"), file_entry("etc/a", std::string(100, 'a')), dir_entry("d"),
                         file_entry("d/x", std::string(1000, 'x')), file_entry("d/y", std::string(500, 'y')),
                         file_entry("keep", "keep\n")},
                        "ADD rootfs /"});
  img.layers.push_back({{file_entry("big", std::string(300, 'b')), file_entry("h/a", "0123456789"),
                         hardlink_entry("h/b", "h/a")},
                        "RUN make big"});
  img.layers.push_back({{whiteout_entry("big"), whiteout_entry("etc/a"), whiteout_entry("h/a"),
                         file_entry("f", "ff"), symlink_entry("s", "f")},
                        "RUN rm big /etc/a /h/a"});
  img.layers.push_back({{owned(file_entry("keep", "keep\n", 0600), 7, 8), dir_entry("d", 0700), opaque_entry("d"),
                         file_entry("d/z", "zz")},
                        "RUN chmod; rm -rf d/*"});
  return img;
}

TEST(Slim, SquashesAboveTheBaseAndKeepsTheBaseByteForByte) {
  TempDir tmp;
  write_oci_layout({sample()}, tmp / "in");
  SlimResult r = run_slim("oci:" + tmp / "in", "oci:" + tmp / "out:1.0");
  OciImage in = read_oci(tmp / "in"), out = read_oci(tmp / "out");
  ASSERT_EQ(out.layers.size(), 2u);
  EXPECT_EQ(out.layer_digests[0], in.layer_digests[0]);
  // Whiteouts first (sorted by the base's paths), then the kept entries in layer order.
  EXPECT_EQ(list_tar(out.layers[1]), (std::vector<std::string>{
                                          "d/.wh..wh..opq file 0000 0:0 0",
                                          "etc/.wh.a file 0000 0:0 0",
                                          "h/b file 0644 0:0 10 =0123456789",
                                          "f file 0644 0:0 2 =ff",
                                          "s sym 0777 0:0 0 -> f",
                                          "keep file 0600 7:8 5 =keep\n",
                                          "d/ dir 0700 0:0 0",
                                          "d/z file 0644 0:0 2 =zz",
                                      }));
  // Stored above the base: 300 + 10 + 2 + 5 + 2 = 319; written: 10 + 2 + 5 + 2 = 19.
  EXPECT_EQ(r.plan.upper_file_bytes, 319u);
  EXPECT_EQ(r.plan.removed_bytes(), 300u);
  // diff_ids: the base's, then the sha256 of the new layer's tar (here gzip-compressed).
  ASSERT_EQ(out.config["rootfs"]["diff_ids"].size(), 2u);
  EXPECT_EQ(out.config["rootfs"]["diff_ids"][0], in.config["rootfs"]["diff_ids"][0]);
  EXPECT_EQ(out.manifest["layers"][1]["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip");
  EXPECT_EQ(out.config["config"], in.config["config"]);
  // History: the three squashed rows become empty, one row makes the new layer.
  const json& h = out.config["history"];
  ASSERT_EQ(h.size(), 5u);
  EXPECT_FALSE(h[0].value("empty_layer", false));
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(h[i].value("empty_layer", false));
  EXPECT_EQ(h[4]["created_by"].get<std::string>().rfind("ballast slim: layers 2-4 squashed into one, 300 bytes removed", 0), 0u);
  json index = json::parse(slurp(tmp / "out/index.json"));
  EXPECT_EQ(index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"], "1.0");
}

TEST(Slim, ReanalysisFindsNothingReclaimableAboveTheBaseAndTheSameFinalFiles) {
  TempDir tmp;
  write_docker_archive({sample()}, tmp / "in.tar");
  run_slim(tmp / "in.tar", tmp / "out.tar");
  expect_slimmed_sample(tmp / "in.tar", tmp / "out.tar", 2);
}

TEST(Slim, DropRulesAndKeepWins) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{dir_entry("usr"), file_entry("usr/bin", "sh")}, "ADD rootfs /"});
  img.layers.push_back({{file_entry("app/main.py", "print(1)"), file_entry("app/__pycache__/main.cpython-311.pyc", "pyc!"),
                         file_entry("usr/share/doc/x/README", "readme"), file_entry("usr/share/doc/x/copyright", "(c)"),
                         file_entry("var/cache/apt/pkgcache.bin", std::string(40, 'c')),
                         file_entry("app/data/keep.txt", "k"), file_entry("app/data/drop.txt", "dd")},
                        "RUN build"});
  write_oci_layout({img}, tmp / "in");
  DropRules d;
  d.categories = {"pycache", "docs", "caches"};
  d.drop_globs = {"/app/data"};
  d.keep_globs = {"app/data/keep.txt"};
  SlimResult r = run_slim("oci:" + tmp / "in", "oci:" + tmp / "out", 1, d);
  OciImage out = read_oci(tmp / "out");
  EXPECT_EQ(list_tar(out.layers[1]), (std::vector<std::string>{
                                          "app/main.py file 0644 0:0 8 =print(1)",
                                          "usr/share/doc/x/copyright file 0644 0:0 3 =(c)",
                                          "app/data/keep.txt file 0644 0:0 1 =k",
                                      }));
  EXPECT_EQ(r.plan.dropped_bytes, 4u + 6u + 40u + 2u);
  EXPECT_EQ(r.plan.dropped_by_rule.at("pycache"), 4u);
  EXPECT_EQ(r.plan.dropped_by_rule.at("docs"), 6u);
  EXPECT_EQ(r.plan.dropped_by_rule.at("caches"), 40u);
  EXPECT_EQ(r.plan.dropped_by_rule.at("path app/data"), 2u);
  DropRules bad;
  bad.categories = {"nonsense"};
  EXPECT_THROW(run_slim("oci:" + tmp / "in", "oci:" + tmp / "out2", 1, bad), InputError);
  EXPECT_FALSE(std::filesystem::exists(tmp / "out2"));
}

TEST(Slim, DroppingABaseFileWritesAWhiteoutAndSaysItStaysStored) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{dir_entry("usr"), file_entry("usr/x.a", std::string(64, 'a')), file_entry("usr/y", "y")},
                        "ADD rootfs /"});
  img.layers.push_back({{file_entry("z", "z")}, "RUN z"});
  write_oci_layout({img}, tmp / "in");
  DropRules d;
  d.categories = {"static-libs"};
  SlimResult r = run_slim("oci:" + tmp / "in", "oci:" + tmp / "out", 1, d);
  OciImage out = read_oci(tmp / "out");
  EXPECT_EQ(list_tar(out.layers[1]), (std::vector<std::string>{"usr/.wh.x.a file 0000 0:0 0", "z file 0644 0:0 1 =z"}));
  EXPECT_EQ(r.plan.hidden_base_bytes, 64u);
  EXPECT_EQ(r.plan.dropped_bytes, 0u);
  ASSERT_FALSE(r.notes.empty());
}

TEST(Slim, DroppingFilesOfAnInstalledOsPackageSaysItsDatabaseIsNotUpdated) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{dir_entry("usr"), file_entry("usr/sh", "sh")}, "ADD rootfs /"});
  img.layers.push_back({{file_entry("var/lib/dpkg/status",
                                    "Package: foo\nStatus: install ok installed\nVersion: 1\n\n"),
                         file_entry("var/lib/dpkg/info/foo.list", "/usr/bin/foo\n/usr/share/doc/foo/README\n"),
                         file_entry("usr/bin/foo", "bin"), file_entry("usr/share/doc/foo/README", "doc")},
                        "RUN apt-get install foo"});
  write_docker_archive({img}, tmp / "in.tar");
  DropRules d;
  d.categories = {"docs"};
  SlimResult r = run_slim(tmp / "in.tar", tmp / "out.tar", 1, d);
  EXPECT_EQ(r.plan.dropped_os_packages, (std::set<std::string>{"deb:foo"}));
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_NE(r.notes[0].find("deb:foo"), std::string::npos);
  EXPECT_NE(r.notes[0].find("package database still lists them"), std::string::npos);
  // The control: without drops there is no such note.
  SlimResult none = run_slim(tmp / "in.tar", tmp / "out2.tar", 1);
  EXPECT_TRUE(none.notes.empty());
}

TEST(Slim, SquashAllWritesOneLayer) {
  TempDir tmp;
  write_oci_layout({sample()}, tmp / "in");
  SlimResult r = run_slim("oci:" + tmp / "in", "oci-archive:" + tmp / "out.tar", 1, {});
  SlimRequest all;
  all.analyze.image = "oci:" + tmp / "in";
  all.output = "oci:" + tmp / "all";
  all.squash_all = true;
  all.compression = Compression::kZstd;
  SlimResult a = slim(all);
  OciImage out = read_oci(tmp / "all");
  ASSERT_EQ(out.layers.size(), 1u);
  EXPECT_EQ(out.manifest["layers"][0]["mediaType"], "application/vnd.oci.image.layer.v1.tar+zstd");
  // Everything shadowed anywhere is gone: etc/a, d/x, d/y, the old keep and big.
  EXPECT_EQ(a.plan.removed_bytes(), 100u + 1000 + 500 + 5 + 300);
  analysis::AnalyzeRequest q;
  q.image = "oci-archive:" + tmp / "out.tar";
  EXPECT_EQ(analysis::analyze(q).image.layers.size(), 2u);
}

// --keep-layers on the sample, by hand from the layer semantics: each layer
// above the base keeps only what the final filesystem shows of it; the
// whiteout and opaque marker the kept base needs go into the first. The
// stages between layers differ from the input's, the final one does not.
TEST(Slim, KeepLayersRewritesEachLayerOnItsOwn) {
  TempDir tmp;
  write_oci_layout({sample()}, tmp / "in");
  SlimRequest req;
  req.analyze.image = "oci:" + tmp / "in";
  req.analyze.base_layers = 1;
  req.output = "oci:" + tmp / "out";
  req.keep_layers = true;
  SlimResult r = slim(req);
  OciImage in = read_oci(tmp / "in"), out = read_oci(tmp / "out");
  ASSERT_EQ(out.layers.size(), 4u);
  ASSERT_EQ(r.new_layers.size(), 3u);
  EXPECT_EQ(out.layer_digests[0], in.layer_digests[0]);
  EXPECT_EQ(list_tar(out.layers[1]), (std::vector<std::string>{
                                          "d/.wh..wh..opq file 0000 0:0 0",
                                          "etc/.wh.a file 0000 0:0 0",
                                          "h/b file 0644 0:0 10 =0123456789",
                                      }));
  EXPECT_EQ(list_tar(out.layers[2]), (std::vector<std::string>{"f file 0644 0:0 2 =ff", "s sym 0777 0:0 0 -> f"}));
  EXPECT_EQ(list_tar(out.layers[3]), (std::vector<std::string>{
                                          "keep file 0600 7:8 5 =keep\n",
                                          "d/ dir 0700 0:0 0",
                                          "d/z file 0644 0:0 2 =zz",
                                      }));
  EXPECT_EQ(r.plan.removed_bytes(), 300u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(out.layer_digests[i + 1], r.new_layers[i].digest);
    EXPECT_EQ(out.config["rootfs"]["diff_ids"][i + 1], r.new_layers[i].diff_id);
  }
  // History: every row keeps its layer; the row ballast adds makes none.
  const json& h = out.config["history"];
  ASSERT_EQ(h.size(), 5u);
  for (int i = 0; i <= 3; ++i) EXPECT_FALSE(h[i].value("empty_layer", false)) << i;
  EXPECT_TRUE(h[4].value("empty_layer", false));
  EXPECT_EQ(h[4]["created_by"].get<std::string>().rfind("ballast slim: layers 2-4 rewritten one by one, 300 bytes removed", 0),
            0u);

  expect_slimmed_sample("oci:" + tmp / "in", "oci:" + tmp / "out", 4);
}

// A layer keeps its own entry of a directory above a file it keeps, even
// when a later layer's entry of that directory decides its final mode.
TEST(Slim, KeepLayersKeepsEachLayersParentDirectories) {
  TempDir tmp;
  WriteImage img;
  img.layers.push_back({{dir_entry("etc"), file_entry("etc/os", "debian")}, "ADD rootfs /"});
  img.layers.push_back({{dir_entry("app", 0755), file_entry("app/x", "xx"), file_entry("app/tmp", "junk")}, "COPY x"});
  img.layers.push_back({{dir_entry("app", 0700), whiteout_entry("app/tmp"), file_entry("app/y", "yy")}, "RUN chmod"});
  write_oci_layout({img}, tmp / "in");
  SlimRequest req;
  req.analyze.image = "oci:" + tmp / "in";
  req.analyze.base_layers = 1;
  req.output = "oci:" + tmp / "out";
  req.keep_layers = true;
  slim(req);
  OciImage out = read_oci(tmp / "out");
  ASSERT_EQ(out.layers.size(), 3u);
  EXPECT_EQ(list_tar(out.layers[1]), (std::vector<std::string>{"app/ dir 0755 0:0 0", "app/x file 0644 0:0 2 =xx"}));
  EXPECT_EQ(list_tar(out.layers[2]), (std::vector<std::string>{"app/ dir 0700 0:0 0", "app/y file 0644 0:0 2 =yy"}));
}

// Layers written one at a time or all at once give the same bytes.
TEST(Slim, KeepLayersWrittenInParallelIsTheSameImage) {
  TempDir tmp;
  WriteImage img = sample();
  for (int i = 0; i < 6; ++i)
    img.layers.push_back({{file_entry("more/" + std::to_string(i), std::string(2000 + i, 'm')),
                           file_entry("tmp/junk" + std::to_string(i), std::string(700, 'j'))},
                          "RUN step " + std::to_string(i)});
  img.layers.push_back({{whiteout_entry("tmp")}, "RUN rm -rf /tmp"});
  write_docker_archive({img}, tmp / "in.tar");
  std::string images[2];
  for (unsigned threads : {1u, 4u}) {
    SlimRequest req;
    req.analyze.image = tmp / "in.tar";
    req.analyze.base_layers = 1;
    req.output = tmp / ("out-" + std::to_string(threads) + ".tar");
    req.keep_layers = true;
    req.threads = threads;
    SlimResult r = slim(req);
    EXPECT_EQ(r.new_layers.size(), img.layers.size() - 1);
    EXPECT_EQ(r.plan.removed_bytes(), 300u + 6 * 700);
    images[threads == 1 ? 0 : 1] = slurp(req.output);
  }
  EXPECT_EQ(images[0], images[1]);
}

TEST(Slim, RefusesAnExistingOutputWithoutForce) {
  TempDir tmp;
  write_docker_archive({sample()}, tmp / "in.tar");
  { std::ofstream(tmp / "out.tar") << "mine"; }
  EXPECT_THROW(run_slim(tmp / "in.tar", tmp / "out.tar"), InputError);
  EXPECT_EQ(slurp(tmp / "out.tar"), "mine");
  SlimRequest r;
  r.analyze.image = tmp / "in.tar";
  r.analyze.base_layers = 1;
  r.output = tmp / "out.tar";
  r.force = true;
  slim(r);
  EXPECT_NE(slurp(tmp / "out.tar"), "mine");
  // Nothing else left beside it.
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(tmp.path())) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"in.tar", "out.tar"}));
}

TEST(Slim, OutputTargets) {
  EXPECT_EQ(parse_output_target("x.tar").kind, OutputTarget::Kind::kDockerArchive);
  OutputTarget o = parse_output_target("oci:dir:v1");
  EXPECT_EQ(o.kind, OutputTarget::Kind::kOciDir);
  EXPECT_EQ(o.path, "dir");
  EXPECT_EQ(o.tag, "v1");
  EXPECT_EQ(parse_output_target("oci-archive:a.tar").kind, OutputTarget::Kind::kOciArchive);
  EXPECT_THROW(parse_output_target("oci:"), InputError);
}


// slim --verify with a scripted engine: what is loaded, run and removed, and
// the checks against hand-computed figures of sample().
class ScriptedEngine : public engine_run::ContainerEngine {
 public:
  std::set<std::string> present;                    // images the engine has (ids)
  std::map<std::string, std::string> tagged;        // tags it has -> their image id
  std::map<std::string, std::string> archive_tags;  // archive path -> the tag its load prints ("" : id only)
  std::map<std::string, engine_run::RunOutcome> runs;  // by reference
  std::vector<std::string> log;
  void check_reachable() override {}
  engine_run::RunOutcome run(const std::string& image, const std::string& command, double) override {
    log.push_back("run " + image + " " + command);
    return runs[image];
  }
  std::string start(const std::string& image, engine_run::RunOutcome&) override { return "c-" + image; }
  engine_run::RunOutcome observe(const std::string& c) override { return runs[c.substr(2)]; }
  bool has_healthcheck(const std::string&) override { return false; }
  std::string health(const std::string&) override { return ""; }
  std::string image_id(const std::string& r) override {
    if (present.count(r)) return r;
    auto it = tagged.find(r);
    return it == tagged.end() ? "" : it->second;
  }
  std::map<std::string, std::string> streamed;  // what load_stream was given -> the bytes written
  engine_run::LoadOutcome load_stream(const std::string& what, const std::function<void(int)>& write) override {
    log.push_back("stream " + what);
    int fd[2];
    EXPECT_EQ(::pipe(fd), 0);
    std::thread writer([&] {
      write(fd[1]);
      ::close(fd[1]);
    });
    std::string bytes;
    char buf[65536];
    for (ssize_t n; (n = ::read(fd[0], buf, sizeof buf)) > 0;) bytes.append(buf, static_cast<std::size_t>(n));
    ::close(fd[0]);
    writer.join();
    streamed[what] = bytes;
    engine_run::LoadOutcome o;
    o.image_id = "sha256:streamed-" + std::to_string(log.size());
    return o;
  }
  engine_run::LoadOutcome load(const std::string& archive) override {
    log.push_back("load " + archive);
    engine_run::LoadOutcome o;
    const std::string& tag = archive_tags[archive];
    if (tag.empty()) o.image_id = "sha256:loaded-" + std::to_string(log.size());
    else o.tags = {tag};
    return o;
  }
  void remove_container(const std::string&) override {}
  void remove_image(const std::string& i) override { log.push_back("rmi " + i); }
  void sleep(double) override {}
};

SlimRequest verify_request(const std::string& in, const std::string& out, DropRules drop = {}) {
  SlimRequest r;
  r.analyze.image = in;
  r.analyze.base_layers = 1;
  r.output = out;
  r.tag = "s:slim";
  r.drop = std::move(drop);
  return r;
}

// docker load would move a tag the engine has on another image, and the
// cleanup would then remove it: refused before anything is loaded, for OUT's
// tag and for the original's. Positive control: the test below, same files,
// no such tags.
TEST(SlimVerify, ATagTheEngineHasOnAnotherImageIsRefused) {
  TempDir tmp;
  write_docker_archive({sample()}, tmp / "in.tar");
  SlimRequest req = verify_request(tmp / "in.tar", tmp / "out.tar");
  SlimResult res = slim(req);
  for (const char* tag : {"s:slim", "s:1"}) {
    SCOPED_TRACE(tag);
    ScriptedEngine e;
    e.tagged[tag] = "sha256:someone-elses";
    try {
      verify(req, res, e, SlimVerifyRequest{});
      ADD_FAILURE() << "no error";
    } catch (const InputError& err) {
      EXPECT_NE(std::string(err.what()).find(std::string("the engine has ") + tag + " as another image"),
                std::string::npos)
          << err.what();
    }
    EXPECT_TRUE(e.log.empty());
  }
}

TEST(SlimVerify, LoadsBothSmokesReanalyzesAndRemovesWhatItLoaded) {
  TempDir tmp;
  write_docker_archive({sample()}, tmp / "in.tar");
  SlimRequest req = verify_request(tmp / "in.tar", tmp / "out.tar");
  SlimResult res = slim(req);
  ScriptedEngine e;
  e.archive_tags[tmp / "in.tar"] = "s:1";
  e.archive_tags[tmp / "out.tar"] = "s:slim";
  e.runs["s:1"] = e.runs["s:slim"] = {false, 0, "ff\n", "", false, ""};
  SlimVerifyRequest v;
  v.smoke_command = "cat /f";
  SlimVerifyReport r = verify(req, res, e, v);
  EXPECT_EQ(e.log, (std::vector<std::string>{"load " + tmp / "in.tar", "load " + tmp / "out.tar", "run s:1 cat /f",
                                             "run s:slim cat /f", "rmi s:slim", "rmi s:1"}));
  // By hand (sample()): stored above the base 300 + 10 + 2 + 5 + 2 = 319, written 10 + 2 + 5 + 2 = 19.
  EXPECT_EQ(r.before.figures.upper_stored_bytes, 319u);
  EXPECT_EQ(r.after.figures.upper_stored_bytes, 19u);
  EXPECT_EQ(r.measured_saved, 300);
  // Predicted: the analysis' reclaimable above the base, big 300 + h/a 10
  // (deleted), less h/a's 10 bytes that the kept link h/b still needs.
  EXPECT_EQ(r.predicted_by_reason[static_cast<int>(image::ShadowReason::kDeleted)], 310u);
  EXPECT_EQ(r.predicted_carried, 10u);
  EXPECT_EQ(r.predicted_bytes, 300u);
  EXPECT_EQ(r.after.figures.upper_reclaimable_bytes, 0u);
  // Base: etc/a 100 + d/x 1000 + d/y 500 + keep 5 = 1605 stays reclaimable, in the base.
  EXPECT_EQ(r.after.figures.reclaimable_bytes, 1605u);
  EXPECT_EQ(r.before.figures.layers, 4u);
  EXPECT_EQ(r.after.figures.layers, 2u);
  EXPECT_EQ(r.before.figures.stored_bytes - r.after.figures.stored_bytes, 300u);
  EXPECT_TRUE(r.saving_ok);
  EXPECT_TRUE(r.reclaimable_ok);
  EXPECT_TRUE(r.passed);
  EXPECT_FALSE(r.broken);
  EXPECT_EQ(r.verdict, "slim image verified: it passes the smoke test, and saves what the analysis predicted");
}

TEST(SlimVerify, AnOriginalTheEngineHasIsNeitherLoadedNorRemoved) {
  TempDir tmp;
  write_docker_archive({sample()}, tmp / "in.tar");
  SlimRequest req = verify_request(tmp / "in.tar", tmp / "out.tar");
  SlimResult res = slim(req);
  analysis::AnalyzeRequest a;
  a.image = tmp / "in.tar";
  const std::string id = "sha256:" + sha256_hex(analysis::analyze(a).image.config.json);
  ScriptedEngine e;
  e.present = {id};
  e.archive_tags[tmp / "out.tar"] = "";  // no RepoTags: docker load prints the id
  SlimVerifyRequest v;
  v.smoke_command = "true";
  SlimVerifyReport r = verify(req, res, e, v);
  EXPECT_FALSE(r.before.loaded);
  EXPECT_EQ(r.before.reference, id);
  EXPECT_TRUE(r.after.loaded);
  EXPECT_EQ(e.log.front(), "load " + tmp / "out.tar");
  EXPECT_EQ(e.log.back(), "rmi " + r.after.reference);
  EXPECT_EQ(std::count(e.log.begin(), e.log.end(), "rmi " + id), 0);
}

TEST(SlimVerify, KeepRemovesNothingAndASmokeMismatchIsBroken) {
  TempDir tmp;
  write_docker_archive({sample()}, tmp / "in.tar");
  SlimRequest req = verify_request(tmp / "in.tar", tmp / "out.tar", DropRules{{}, {"/f"}, {}});
  SlimResult res = slim(req);
  ScriptedEngine e;
  e.archive_tags[tmp / "in.tar"] = "s:1";
  e.archive_tags[tmp / "out.tar"] = "s:slim";
  e.runs["s:1"] = {false, 0, "ff\n", "", false, ""};
  e.runs["s:slim"] = {false, 1, "", "cat: can't open '/f'\n", false, ""};
  SlimVerifyRequest v;
  v.smoke_command = "cat /f";
  v.keep = true;
  SlimVerifyReport r = verify(req, res, e, v);
  for (const auto& l : e.log) EXPECT_NE(l.rfind("rmi ", 0), 0u) << l;
  // The drop of f (2 bytes) is predicted and measured: 300 + 2.
  EXPECT_EQ(r.predicted_dropped, 2u);
  EXPECT_EQ(r.measured_saved, 302);
  EXPECT_TRUE(r.saving_ok);
  EXPECT_TRUE(r.broken);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.verdict, "slim image broken: the smoke test failed (exit codes differ: 0 before, 1 after)");
}

TEST(SlimVerify, JudgeWithHandFigures) {
  SlimVerifyReport r;
  r.smoke.ran = r.smoke.passed = true;
  r.before.figures.upper_stored_bytes = 1000;
  r.after.figures.upper_stored_bytes = 400;
  r.predicted_bytes = 500;
  judge(r);
  EXPECT_FALSE(r.saving_ok);
  EXPECT_FALSE(r.passed);
  EXPECT_FALSE(r.broken);
  EXPECT_EQ(r.verdict, "slim image not proven: saved 600 bytes above the base, predicted 500");
  r.after.figures.upper_reclaimable_bytes = 7;
  judge(r);
  EXPECT_EQ(r.verdict, "slim image not proven: re-analysis finds 7 reclaimable bytes above the base");
}

// The members of a tar in memory, by name.
std::map<std::string, std::string> tar_members(const std::string& bytes) {
  std::map<std::string, std::string> out;
  struct archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  EXPECT_EQ(archive_read_open_memory(a, bytes.data(), bytes.size()), ARCHIVE_OK);
  struct archive_entry* e;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    std::string data(static_cast<std::size_t>(archive_entry_size(e)), '\0');
    if (!data.empty()) {
      EXPECT_EQ(archive_read_data(a, data.data(), data.size()), static_cast<la_ssize_t>(data.size()));
    }
    out[archive_entry_pathname(e)] = data;
  }
  EXPECT_EQ(archive_read_free(a), ARCHIVE_OK);
  return out;
}

// What docker load reads of a docker-archive (its manifest.json, legacy
// form): the config file whose sha256 is the image ID, and the layer files
// in order; each must hold the bytes the OCI layout stores under that digest.
void expect_loadable_as(const std::string& archive, const OciImage& oci, const std::string& config_bytes) {
  std::map<std::string, std::string> m = tar_members(archive);
  ASSERT_TRUE(m.count("manifest.json"));
  json manifest = json::parse(m["manifest.json"]);
  ASSERT_EQ(manifest.size(), 1u);
  EXPECT_EQ(m[manifest[0]["Config"].get<std::string>()], config_bytes);
  ASSERT_EQ(manifest[0]["Layers"].size(), oci.layers.size());
  for (std::size_t i = 0; i < oci.layers.size(); ++i) {
    const std::string name = manifest[0]["Layers"][i];
    EXPECT_EQ(name, "blobs/sha256/" + oci.layer_digests[i].substr(7));
    EXPECT_EQ(m[name], oci.layers[i]) << name;
  }
}

// An OCI input and an OCI output: neither can be loaded by path, so both
// are streamed into docker load as docker-archives, then removed by the IDs
// docker load printed. Positive control for "streamed": the docker-archive
// test above, whose sides are loaded by path.
TEST(SlimVerify, AnOciInputAndOutputAreStreamedIntoDockerLoad) {
  TempDir tmp;
  write_oci_layout({sample()}, tmp / "in");
  for (const std::string& out : std::vector<std::string>{"oci:" + tmp / "out", "oci-archive:" + tmp / "out.tar"}) {
    SCOPED_TRACE(out);
    SlimRequest req = verify_request("oci:" + tmp / "in", out);
    req.tag = "";
    SlimResult res = slim(req);
    ScriptedEngine e;
    e.runs["sha256:streamed-1"] = e.runs["sha256:streamed-2"] = {false, 0, "ff\n", "", false, ""};
    SlimVerifyRequest v;
    v.smoke_command = "cat /f";
    SlimVerifyReport r = verify(req, res, e, v);
    EXPECT_EQ(e.log, (std::vector<std::string>{"stream oci:" + tmp / "in", "stream " + out,
                                               "run sha256:streamed-1 cat /f", "run sha256:streamed-2 cat /f",
                                               "rmi sha256:streamed-2", "rmi sha256:streamed-1"}));
    EXPECT_TRUE(r.before.loaded);
    EXPECT_TRUE(r.after.loaded);
    EXPECT_TRUE(r.passed) << r.verdict;
    const OciImage in = read_oci(tmp / "in");
    expect_loadable_as(e.streamed["oci:" + tmp / "in"], in,
                       slurp(tmp / "in/blobs/sha256/" + in.manifest["config"]["digest"].get<std::string>().substr(7)));
    std::string out_dir = tmp / "out";
    if (out.starts_with("oci-archive:")) {
      std::filesystem::create_directories(tmp / "unpacked");
      for (const auto& [name, bytes] : tar_members(slurp(tmp / "out.tar"))) {
        const std::string dest = tmp / "unpacked/" + name;
        std::filesystem::create_directories(std::filesystem::path(dest).parent_path());
        std::ofstream(dest, std::ios::binary) << bytes;
      }
      out_dir = tmp / "unpacked";
    }
    const OciImage o = read_oci(out_dir);
    const std::string out_config = slurp(out_dir + "/blobs/sha256/" + o.manifest["config"]["digest"].get<std::string>().substr(7));
    EXPECT_EQ("sha256:" + sha256_hex(out_config), res.image_id);
    expect_loadable_as(e.streamed[out], o, out_config);
  }
}

// Only standard input cannot be verified (slim refuses it anyway); every
// stored form can, the engine's and a registry's included.
TEST(SlimVerify, OnlyStandardInputIsRefusedBeforeWriting) {
  SlimRequest r = verify_request("-", "out.tar");
  EXPECT_THROW(check_verifiable(r), InputError);
  for (const char* in : {"in.tar", "docker-archive:in.tar", "oci:/tmp/in", "oci-archive:in.tar", "docker-daemon:app:1",
                         "docker://localhost:5000/app:1"}) {
    for (const char* out : {"out.tar", "oci:/tmp/x", "oci-archive:x.tar"}) {
      r = verify_request(in, out);
      EXPECT_NO_THROW(check_verifiable(r)) << in << " -> " << out;
    }
  }
}

}  // namespace
}  // namespace ballast::slim
