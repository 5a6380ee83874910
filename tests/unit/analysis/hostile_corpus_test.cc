// A hostile corpus, generated here (issue 19): each input with its expected
// outcome — an error line and exit 2, or the exact analysis, worked out by
// hand from tar and overlay semantics (last entry wins, whiteouts hide lower
// layers, a later non-directory replaces a directory and everything under
// it). The worst inputs also run through the real binary in a child process
// whose peak RSS (/usr/bin/time, from wait4) must stay within 256 MB.
#include <gtest/gtest.h>

#include <archive_entry.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "analysis/image_analysis.h"
#include "util/error.h"
#include "writer/image_writer.h"
#include "writer/tar_writer.h"

namespace ballast::analysis {
namespace {

using namespace image;
using namespace ballast::writer;
using testing::TempDir;

struct Child {
  int code = -1;
  long max_rss_kb = 0;
  std::string err;
};

// Runs ballast with `args` under /usr/bin/time (no shell), stdout to
// /dev/null, stderr captured; its peak resident set as time(1) reports it
// (%M, from wait4). Not getrusage of a fork of this test: a forked child's
// maximum RSS starts at the test process's own, which holds the fixtures.
Child run_measured(const std::vector<std::string>& args, const std::string& err_file) {
  Child c;
  const std::string rss_file = err_file + ".rss";
  pid_t pid = ::fork();
  if (pid == 0) {
    int out = ::open("/dev/null", O_WRONLY);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    std::vector<std::string> all = {"/usr/bin/time", "-f", "%M", "-o", rss_file, BALLAST_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv("/usr/bin/time", argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  c.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  c.err = ballast::testing::run_command("cat '" + err_file + "'").out;
  std::string rss = ballast::testing::run_command("tail -1 '" + rss_file + "'").out;
  c.max_rss_kb = rss.empty() ? -1 : std::stol(rss);
  EXPECT_GT(c.max_rss_kb, 0) << "no RSS from /usr/bin/time (package 'time', scripts/setup.sh)";
  return c;
}

constexpr long kRssCeilingKb = 256 * 1024;

std::string error_of(const std::string& ref, AnalyzeOptions options = {}) {
  try {
    analyze_image(parse_image_reference(ref), options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

ImageModel analyze_ok(const std::string& ref) {
  return analyze_image(parse_image_reference(ref), AnalyzeOptions{});
}

// A layer of raw tar headers (any type, any name), written by libarchive.
WriteLayer raw_layer(const std::vector<std::pair<TarHeader, std::string>>& entries) {
  TarWriter t;
  WriteLayer l;
  for (const auto& [h, body] : entries) l.raw_tar += t.entry(h, body);
  l.raw_tar += t.close();
  l.created_by = "hostile";
  return l;
}

TarHeader file_h(const std::string& name, std::size_t size) {
  TarHeader h;
  h.name = name;
  h.type = AE_IFREG;
  h.size = size;
  return h;
}

std::string one_layer_image(const TempDir& tmp, WriteLayer layer) {
  WriteImage img;
  img.layers.push_back(std::move(layer));
  std::string path = tmp / "img.tar";
  write_docker_archive({img}, path);
  return "docker-archive:" + path;
}

TEST(HostileCorpus, TraversalInEverySpelling) {
  for (const char* name : {"../etc/passwd", "a/../../etc/passwd", "./../x", "a/b/../../../x", "/../x",
                           "..", "a/../.."}) {
    TempDir tmp;
    std::string ref = one_layer_image(tmp, raw_layer({{file_h(name, 1), "x"}}));
    std::string err = error_of(ref);
    EXPECT_NE(err.find("path escapes the root (..)"), std::string::npos) << name << ": " << err;
  }
  // Positive control: ".." that stays inside, and a leading "/", are plain names.
  TempDir tmp;
  ImageModel m = analyze_ok(one_layer_image(
      tmp, raw_layer({{file_h("a/../b", 2), "bb"}, {file_h("/abs", 3), "ccc"}, {file_h("./c/./d", 1), "d"}})));
  std::vector<std::string> paths;
  for (const auto& f : m.final_files) paths.emplace_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"abs", "b", "c/d"}));
  EXPECT_EQ(m.final_bytes, 6u);
}

TEST(HostileCorpus, AbsoluteLinksAndDevicesAreData) {
  TempDir tmp;
  TarHeader link;
  link.name = "etc/shadow-link";
  link.type = AE_IFLNK;
  link.link = "/etc/shadow";
  TarHeader up = link;
  up.name = "up";
  up.link = "../../../../root";
  TarHeader dev;
  dev.name = "dev/kmsg";
  dev.type = AE_IFCHR;
  TarHeader fifo;
  fifo.name = "run/pipe";
  fifo.type = AE_IFIFO;
  ImageModel m = analyze_ok(one_layer_image(tmp, raw_layer({{link, ""}, {up, ""}, {dev, ""}, {fifo, ""}})));
  ASSERT_EQ(m.final_files.size(), 4u);
  EXPECT_EQ(m.final_bytes, 0u);
  EXPECT_EQ(m.layers[0].file_count, 4u);
  // Symlink targets are kept as written (never followed while reading).
  EXPECT_EQ(m.layers[0].symlink_bytes, std::string("/etc/shadow").size() + std::string("../../../../root").size());
  EXPECT_EQ(m.entry(m.final_files[0].ref).type, EntryType::kCharDevice);  // dev/kmsg sorts first
}

TEST(HostileCorpus, HardlinkLoopsAndDanglingLinks) {
  TempDir tmp;
  TarHeader a;
  a.name = "a";
  a.type = AE_IFREG;
  a.hardlink = true;
  a.link = "b";
  TarHeader b = a;
  b.name = "b";
  b.link = "a";
  std::string err = error_of(one_layer_image(tmp, raw_layer({{a, ""}, {b, ""}})));
  EXPECT_NE(err.find("hardlink 'a' to nowhere ('b')"), std::string::npos) << err;
  // A link to itself.
  TempDir tmp2;
  TarHeader self = a;
  self.link = "a";
  err = error_of(one_layer_image(tmp2, raw_layer({{self, ""}})));
  EXPECT_NE(err.find("hardlink 'a' to nowhere ('a')"), std::string::npos) << err;
  // Positive control: a chain to a real file is one inode, counted once.
  TempDir tmp3;
  TarHeader c = a;
  c.name = "c";
  c.link = "f";
  TarHeader d = a;
  d.name = "d";
  d.link = "c";
  ImageModel m = analyze_ok(one_layer_image(tmp3, raw_layer({{file_h("f", 4), "ffff"}, {c, ""}, {d, ""}})));
  EXPECT_EQ(m.final_bytes, 4u);
}

TEST(HostileCorpus, DuplicateEntriesLastWins) {
  TempDir tmp;
  ImageModel m = analyze_ok(one_layer_image(
      tmp, raw_layer({{file_h("x", 100), std::string(100, 'a')}, {file_h("x", 7), "bbbbbbb"}})));
  ASSERT_EQ(m.final_files.size(), 1u);
  EXPECT_EQ(m.final_bytes, 7u);
  EXPECT_EQ(m.reclaimable_bytes, 100u);
  EXPECT_EQ(m.layers[0].files_size, 107u);
}

TEST(HostileCorpus, DirectoryFileFlipsAcrossLayers) {
  WriteImage img;
  img.layers.push_back({{dir_entry("d"), file_entry("d/f", std::string(100, 'f'))}, "dir"});
  img.layers.push_back({{file_entry("d", std::string(10, 'x'))}, "file replaces dir"});
  img.layers.push_back({{dir_entry("d"), file_entry("d/g", "ggggg")}, "dir replaces file"});
  TempDir tmp;
  write_docker_archive({img}, tmp / "img.tar");
  ImageModel m = analyze_ok("docker-archive:" + tmp / "img.tar");
  std::vector<std::string> paths;
  for (const auto& f : m.final_files) paths.emplace_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"d", "d/g"}));
  EXPECT_EQ(m.final_bytes, 5u);
  EXPECT_EQ(m.reclaimable_bytes, 110u);  // d/f (hidden when d became a file) and the file d
  EXPECT_EQ(m.entry(m.final_files[0].ref).type, EntryType::kDirectory);
}

// Names that are not UTF-8: tests/unit/report/json_writer_test.cc (AnalyzeFilesWithNonUtf8Names).

TEST(HostileCorpus, DeepPathIsRefusedAndLinear) {
  // One entry of 50,000 components used to need 2.5 GB (every ancestor
  // directory became its own string): now a one-line error well under 256 MB.
  std::string deep;
  for (int i = 0; i < 50'000; ++i) deep += "a/";
  deep += "f";
  TempDir tmp;
  std::string ref = one_layer_image(tmp, raw_layer({{file_h(deep, 1), "x"}}));
  Child c = run_measured({"analyze", ref}, tmp / "err");
  EXPECT_EQ(c.code, 2) << c.err.substr(0, 300);
  EXPECT_EQ(c.err.find('\n'), c.err.size() - 1) << c.err.substr(0, 300);
  EXPECT_NE(c.err.find("bytes, more than 4096 (see docs/limits.md)"), std::string::npos) << c.err.substr(0, 300);
  EXPECT_LT(c.max_rss_kb, kRssCeilingKb);
  // Short components inside the byte limit but past the depth limit.
  std::string many;
  for (int i = 0; i < 1500; ++i) many += "a/";
  many += "f";
  TempDir tmp2;
  std::string err = error_of(one_layer_image(tmp2, raw_layer({{file_h(many, 1), "x"}})));
  EXPECT_NE(err.find("path is 1501 components deep, more than 1024"), std::string::npos) << err.substr(0, 300);
  // Positive control: 1,000 deep (2 KB) is read, and its largest directories are exact.
  std::string ok;
  for (int i = 0; i < 999; ++i) ok += "a/";
  ok += "f";
  TempDir tmp3;
  ImageModel m = analyze_ok(one_layer_image(tmp3, raw_layer({{file_h(ok, 3), "xyz"}})));
  EXPECT_EQ(m.final_bytes, 3u);
}

TEST(HostileCorpus, AMillionWhiteoutsStayUnder256MB) {
  // 10^6 whiteouts of files no lower layer has: each one is a warning, and
  // the analysis still completes within the memory ceiling.
  WriteImage img;
  img.layers.push_back({{file_entry("keep", "k")}, "base"});
  WriteLayer wh;
  wh.created_by = "rm";
  TarWriter t;
  for (int i = 0; i < 1'000'000; ++i) {
    TarHeader h = file_h("d/.wh.f" + std::to_string(i), 0);
    wh.raw_tar += t.entry(h, "");
  }
  wh.raw_tar += t.close();
  img.layers.push_back(std::move(wh));
  TempDir tmp;
  write_docker_archive({img}, tmp / "img.tar");
  Child c = run_measured({"analyze", "--format", "json", tmp / "img.tar"}, tmp / "err");
  EXPECT_EQ(c.code, 0) << c.err.substr(0, 300);
  EXPECT_LT(c.max_rss_kb, kRssCeilingKb) << "peak RSS " << c.max_rss_kb << " KB";
  std::fprintf(stderr, "10^6 whiteouts: peak RSS %ld KB\n", c.max_rss_kb);
}

TEST(HostileCorpus, HugePaxHeaderIsRefused) {
  // A pax 'path' record of 8 MB: libarchive refuses extended headers over
  // 1 MiB itself; one line, exit 2, and little memory.
  TempDir tmp;
  std::string ref = one_layer_image(tmp, raw_layer({{file_h(std::string(8 << 20, 'p'), 1), "x"}}));
  Child c = run_measured({"analyze", ref}, tmp / "err");
  EXPECT_EQ(c.code, 2) << c.err.substr(0, 300);
  EXPECT_LT(c.err.size(), 400u) << c.err.substr(0, 300);
  EXPECT_NE(c.err.find("corrupt tar: Special header too large"), std::string::npos) << c.err.substr(0, 300);
  EXPECT_LT(c.max_rss_kb, kRssCeilingKb);
  // Under libarchive's bound but over ballast's name limit: 100 KB.
  TempDir tmp2;
  std::string ref2 = one_layer_image(tmp2, raw_layer({{file_h(std::string(100'000, 'p'), 1), "x"}}));
  Child d = run_measured({"analyze", ref2}, tmp2 / "err");
  EXPECT_EQ(d.code, 2) << d.err.substr(0, 300);
  EXPECT_NE(d.err.find("name is 100000 bytes, more than 4096 (see docs/limits.md)"), std::string::npos)
      << d.err.substr(0, 300);
  EXPECT_LT(d.err.size(), 400u) << d.err.substr(0, 300);
}

TEST(HostileCorpus, DecompressionBombStopsWithBytesSoFar) {
  // 64 MiB of zeros gzip to ~64 KB; a 16 MiB ceiling stops it, naming the layer.
  WriteImage img;
  img.layers.push_back({{file_entry("zeros", std::string(64 << 20, '\0'))}, "bomb", Compression::kGzip});
  TempDir tmp;
  write_oci_layout({img}, tmp / "oci");
  AnalyzeOptions o;
  o.max_layer_tar_bytes = 16 << 20;
  std::string err = error_of("oci:" + tmp / "oci", o);
  EXPECT_NE(err.find("decompression stopped after "), std::string::npos) << err;
  EXPECT_NE(err.find("(more than 16777216 bytes; a decompression bomb? see docs/limits.md)"), std::string::npos) << err;
  EXPECT_NE(err.find("blobs/sha256/"), std::string::npos) << err;  // names the layer blob
  // Through the CLI flag and exit 2; the default ceiling lets it through (positive control).
  auto r = ballast::testing::run_command(std::string(BALLAST_BINARY) + " analyze --max-layer-size 16MiB oci:" +
                                         tmp / "oci" + " 2>&1");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;
  EXPECT_EQ(error_of("oci:" + tmp / "oci"), "(no error)");
}

TEST(HostileCorpus, MetadataBudgetNamesTheLayer) {
  WriteImage img;
  WriteLayer l;
  l.created_by = "many";
  for (int i = 0; i < 20'000; ++i) l.entries.push_back(file_entry("f" + std::to_string(i), ""));
  img.layers.push_back(std::move(l));
  TempDir tmp;
  write_docker_archive({img}, tmp / "img.tar");
  auto r = ballast::testing::run_command(std::string(BALLAST_BINARY) + " analyze --max-memory 1MB " +
                                         tmp / "img.tar" + " 2>&1");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;
  EXPECT_NE(r.out.find("layer.tar: image metadata (entries, names, link targets) passed 1000000 bytes"),
            std::string::npos)
      << r.out;
  auto ok = ballast::testing::run_command(std::string(BALLAST_BINARY) + " analyze --max-memory 100MB " +
                                          tmp / "img.tar" + " 2>&1");
  EXPECT_EQ(ok.code, 0) << ok.out.substr(0, 300);
  auto bad = ballast::testing::run_command(std::string(BALLAST_BINARY) + " analyze --max-memory lots " +
                                           tmp / "img.tar" + " 2>&1");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.out.find("--max-memory: not a size ('lots'"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace ballast::analysis
