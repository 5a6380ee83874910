// Golden outputs of the CLI: the text and JSON that `analyze`, `lint`,
// `context` and `deps` print for fixed inputs, byte for byte. The files
// under expected/ were written by the binary of main a90bd91, before
// analysis moved into src/analysis/ (issue 13): they are the oracle that a
// refactor changes nothing a user sees. A deliberate change of output
// regenerates them (BALLAST_UPDATE_GOLDEN=1) and says why in its commit.
//
// Inputs: inputs/ (a Python project, a build context, a config file), the
// lint fixtures, the README's example image (make_example_image) and an
// image written below with every kind of package database attribution reads.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "../image/temp_dir.h"
#include "../support/run_command.h"
#include "writer/image_writer.h"

namespace ballast::testing {
namespace {

namespace fs = std::filesystem;
using writer::dir_entry;
using writer::file_entry;
using writer::symlink_entry;
using writer::whiteout_entry;

std::string bytes(std::size_t n, char c = 'x') { return std::string(n, c); }

writer::WriteLayer layer(std::vector<writer::WriteEntry> entries, std::string created_by) {
  writer::WriteLayer l;
  l.entries = std::move(entries);
  l.created_by = std::move(created_by);
  return l;
}

// A Debian base with dpkg, an installed-then-purged compiler with apt lists
// left behind, pip packages with a cache, node_modules, conda and an app.
void write_packages_image(const std::string& path) {
  const char* status = "Package: base-files\nStatus: install ok installed\nSection: admin\nInstalled-Size: 1\n"
                       "Version: 12.4\n\nPackage: libfoo1\nStatus: install ok installed\nSection: libs\n"
                       "Installed-Size: 2\nVersion: 1.0\n";
  std::string status_gcc = std::string(status) +
                           "\nPackage: gcc-12\nStatus: install ok installed\nSection: devel\nInstalled-Size: 4\n";
  const std::string site = "usr/local/lib/python3.11/site-packages";
  writer::WriteImage img;
  img.repo_tags = {"golden/packages:1"};
  img.layers = {
      layer({symlink_entry("bin", "usr/bin"), dir_entry("usr"), dir_entry("usr/bin"), dir_entry("usr/lib"),
             file_entry("etc/debian_version", bytes(10)),
             file_entry("usr/share/doc/base-files/copyright", bytes(100)),
             file_entry("usr/lib/libfoo.so.1", bytes(100000)), file_entry("usr/bin/foo", bytes(20000, 'f')),
             file_entry("var/lib/dpkg/status", status),
             file_entry("var/lib/dpkg/info/base-files.list",
                        "/.\n/etc\n/etc/debian_version\n/usr/share/doc/base-files/copyright\n"),
             file_entry("var/lib/dpkg/info/libfoo1:amd64.list", "/usr/lib/libfoo.so.1\n/bin/foo\n")},
            "ADD rootfs.tar /"),
      layer({file_entry("usr/bin/gcc-12", bytes(300000, 'g')),
             file_entry("usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a", bytes(50000, 'a')),
             file_entry("var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages", bytes(400000, 'p')),
             file_entry("var/lib/dpkg/status", status_gcc),
             file_entry("var/lib/dpkg/info/gcc-12.list", "/usr/bin/gcc-12\n/usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a\n")},
            "/bin/sh -c apt-get update && apt-get install -y gcc-12"),
      layer({file_entry(site + "/requests/__init__.py", bytes(5000, 'r')),
             file_entry(site + "/requests/api.py", bytes(7000, 's')),
             file_entry(site + "/requests-2.31.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n"),
             file_entry(site + "/requests-2.31.0.dist-info/RECORD",
                        "requests/__init__.py,sha256=a,5000\nrequests/api.py,sha256=b,7000\n"
                        "requests-2.31.0.dist-info/RECORD,,\n"),
             file_entry(site + "/torch/__init__.py", bytes(90000, 't')),
             file_entry(site + "/torch-2.1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: torch\nVersion: 2.1.0\n"),
             file_entry(site + "/torch-2.1.0.dist-info/RECORD", "torch/__init__.py,sha256=c,90000\n"),
             file_entry("root/.cache/pip/http/a/b/c", bytes(60000, 'c'))},
            "/bin/sh -c pip install requests torch"),
      layer({file_entry("app/node_modules/express/package.json", R"({"name":"express","version":"4.18.2"})"),
             file_entry("app/node_modules/express/lib/router.js", bytes(3000, 'e')),
             file_entry("app/node_modules/express/node_modules/debug/package.json", R"({"name":"debug","version":"2.6.9"})"),
             file_entry("app/node_modules/express/node_modules/debug/src/index.js", bytes(800, 'd')),
             file_entry("opt/conda/conda-meta/zlib-1.2.13-h5eee18b_0.json",
                        R"({"name":"zlib","version":"1.2.13","files":["lib/libz.so.1.2.13","include/zlib.h"]})"),
             file_entry("opt/conda/lib/libz.so.1.2.13", bytes(4000, 'z')),
             file_entry("opt/conda/include/zlib.h", bytes(96, 'h')),
             file_entry("app/server.js", bytes(250, 'j')), file_entry("app/model.bin", bytes(20000, 'm'))},
            "COPY . /app # buildkit"),
      layer({whiteout_entry("usr/bin/gcc-12"), whiteout_entry("usr/lib/gcc"), file_entry("var/lib/dpkg/status", status),
             whiteout_entry("var/lib/dpkg/info/gcc-12.list"), file_entry("app/model.bin", bytes(20000, 'm'), 0600),
             file_entry("app/copy-of-model.bin", bytes(20000, 'm'))},
            "/bin/sh -c apt-get purge -y gcc-12 && chmod 600 /app/model.bin"),
  };
  writer::write_docker_archive({img}, path);
}

struct Case {
  const char* name;  // expected/<name>
  const char* args;  // after `ballast`, run in the work directory
  int exit_code;
};

// Every command line runs in a copy of inputs/ holding example.tar and
// packages.tar, with relative paths, so the outputs do not name this checkout.
const Case kCases[] = {
    {"analyze_example.txt", "analyze example.tar --no-config", 0},
    {"analyze_example.json", "analyze example.tar --no-config --format json", 0},
    {"analyze_example_bytes_top3.txt", "analyze example.tar --no-config --bytes --top 3", 0},
    {"analyze_example_files.json", "analyze example.tar --no-config --format json --files --top 2", 0},
    {"analyze_example_breakdown.txt", "analyze example.tar --no-config -d layer,category,package", 0},
    {"analyze_example_breakdown.json", "analyze example.tar --no-config -d category,dir --sort final --format json", 0},
    {"analyze_example_noattr.txt", "analyze example.tar --no-config --no-attribution", 0},
    {"analyze_example_noattr.json", "analyze example.tar --no-config --no-attribution --format json", 0},
    {"analyze_packages.txt", "analyze packages.tar --config analyze.ballast.yaml", 0},
    {"analyze_packages.json", "analyze packages.tar --config analyze.ballast.yaml --format json", 0},
    {"analyze_packages_breakdown.txt", "analyze docker-archive:packages.tar --no-config -d package,ext --base-layers 2", 0},
    {"analyze_packages_breakdown.json", "analyze packages.tar --no-config -d layer,file --format json --top 4", 0},
    {"lint_cleanup.txt", "lint seed004_cleanup.Dockerfile", 0},
    {"lint_cleanup.json", "lint seed004_cleanup.Dockerfile --format json", 0},
    {"lint_multistage.txt", "lint seed002_multistage.Dockerfile seed004_alpine.Dockerfile", 1},
    {"lint_multistage.json", "lint seed002_multistage.Dockerfile seed004_alpine.Dockerfile --format json", 1},
    {"lint_context.txt", "lint ctx/Dockerfile --context ctx", 1},
    {"context.txt", "context ctx", 0},
    {"context.json", "context ctx --format json", 0},
    {"context_list.txt", "context ctx --list", 0},
    {"context_changed.txt", "context ctx --changed src/main.c", 0},
    {"deps.txt", "deps proj", 0},
    {"deps.json", "deps proj --format json", 0},
    {"deps_image.txt", "deps proj --image example.tar", 0},
    {"deps_image.json", "deps proj --image example.tar --format json", 0},
    // The other kinds' JSON, so json_schema_doc_test walks each command's real output.
    {"diff_example_packages.json", "diff example.tar packages.tar --no-config --format json -d category", 0},
    {"diff_cost.json", "diff example.tar packages.tar --no-config --cost --format json", 0},
    {"check_budgets.json",
     "check packages.tar --no-config --max-stored 1MB --max-layers 3 --max-reclaimable-percent 5 --forbid BA1001 "
     "--baseline example.tar --max-growth 1kB --cost --format json",
     1},
    {"fix_cleanup.json", "fix seed004_cleanup.Dockerfile --format json", 0},
    {"slim_packages.json", "slim packages.tar -o slim-out.tar --format json", 0},
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Golden : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const fs::path src = fs::path(BALLAST_SOURCE_DIR) / "tests/unit";
    const fs::path work = dir_->path();
    fs::copy(src / "golden/inputs", work, fs::copy_options::recursive);
    for (const char* f : {"seed004_cleanup.Dockerfile", "seed002_multistage.Dockerfile", "seed004_alpine.Dockerfile"})
      fs::copy_file(src / "lint/fixtures" / f, work / f);
    // Git keeps no directory named .git in a checkout: this one is made here.
    fs::create_directories(work / "ctx/.git");
    writer::write_file(work / "ctx/.git/HEAD", "ref: refs/heads/main\n");
    // A file above context's --big-file-mb default (50 MB): sparse, not committed.
    writer::write_file(work / "ctx/data.bin", "");
    fs::resize_file(work / "ctx/data.bin", 51u << 20);
    int rc = std::system((std::string(BALLAST_EXAMPLE_IMAGE_TOOL) + " " + (work / "example.tar").string()).c_str());
    ASSERT_EQ(rc, 0);
    write_packages_image(work / "packages.tar");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
};
TempDir* Golden::dir_ = nullptr;

// The gzip estimate of a plain-tar layer (image/gzip_estimate.h) is ISA-L's
// level 3 output size, and ISA-L picks its deflate code by CPU (AVX2,
// AVX-512...): the same bytes compress a few per cent differently on another
// machine (seen: 6,774 here, 6,950 there). So in a report whose cost says
// "estimated", the figures that follow from the estimate are compared
// within 10 % of the golden, everything else byte for byte (the figures
// are masked in both texts first).
const char* const kEstimateKeys[] = {"compressed_bytes",  "egress_per_month", "per_month",        "per_pull",
                                     "pull_bytes",        "seconds_per_pull", "seconds_cold_pull", "storage_per_month"};

// Moves the estimate-derived figures under a "cost" that says "estimated"
// into `figures`, leaving 0 in their place.
void split_estimates(nlohmann::json& j, bool estimated, std::vector<double>& figures) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (estimated && it->is_number() &&
          std::find(std::begin(kEstimateKeys), std::end(kEstimateKeys), it.key()) != std::end(kEstimateKeys)) {
        figures.push_back(it->get<double>());
        *it = 0;
      } else {
        split_estimates(*it, estimated || (it.key() == "cost" && it->is_object() && it->value("estimated", false)),
                        figures);
      }
    }
  } else if (j.is_array()) {
    for (auto& e : j) split_estimates(e, estimated, figures);
  }
}

void expect_same_report(const std::string& actual, const std::string& golden, const std::string& args) {
  if (actual == golden) return;
  auto a = nlohmann::json::parse(actual, nullptr, false), g = nlohmann::json::parse(golden, nullptr, false);
  if (a.is_discarded() || g.is_discarded()) {
    EXPECT_EQ(actual, golden) << args;
    return;
  }
  std::vector<double> fa, fg;
  split_estimates(a, false, fa);
  split_estimates(g, false, fg);
  EXPECT_EQ(a.dump(2), g.dump(2)) << args << " (estimate-derived figures masked)";
  ASSERT_EQ(fa.size(), fg.size()) << args;
  for (std::size_t i = 0; i < fa.size(); ++i)
    EXPECT_NEAR(fa[i], fg[i], 0.1 * std::abs(fg[i])) << args << ": estimate-derived figure " << i;
}

TEST_F(Golden, OutputsAreByteIdentical) {
  const fs::path expected_dir = fs::path(BALLAST_SOURCE_DIR) / "tests/unit/golden/expected";
  const bool update = std::getenv("BALLAST_UPDATE_GOLDEN") != nullptr;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    CommandResult r = run_command("cd '" + dir_->path() + "' && " + BALLAST_BINARY + " " + c.args +
                                  " 2>/dev/null");
    EXPECT_EQ(r.code, c.exit_code) << c.args;
    const fs::path golden = expected_dir / c.name;
    if (update) {
      fs::create_directories(expected_dir);
      writer::write_file(golden, r.out);
      continue;
    }
    ASSERT_TRUE(fs::exists(golden)) << golden << " missing: BALLAST_UPDATE_GOLDEN=1 writes it";
    expect_same_report(r.out, read_file(golden), c.args);
  }
}


// The layer cache (docs/cache.md) changes nothing a user sees: every analyze
// case prints its golden output cold (empty cache), warm (every layer from
// the cache) and with --no-cache. The warm run's --cache-stats line says that
// no layer was read: the layer counts are the images' own (7 in the example's
// manifest.json, 5 written above).
TEST_F(Golden, CacheLeavesOutputsByteIdentical) {
  const fs::path expected_dir = fs::path(BALLAST_SOURCE_DIR) / "tests/unit/golden/expected";
  if (std::getenv("BALLAST_UPDATE_GOLDEN")) GTEST_SKIP() << "goldens being rewritten";
  int n = 0;
  for (const Case& c : kCases) {
    const std::string args = c.args;
    if (!args.starts_with("analyze ")) continue;
    SCOPED_TRACE(c.name);
    const std::string cache = dir_->path() + "/cache-" + std::to_string(n++);
    const std::string golden = read_file(expected_dir / c.name);
    const std::string cmd = "cd '" + dir_->path() + "' && " + BALLAST_BINARY + " " + args;
    CommandResult cold = run_command(cmd + " --cache-dir " + cache + " 2>/dev/null");
    EXPECT_EQ(cold.out, golden) << "cold";
    CommandResult warm = run_command(cmd + " --cache-dir " + cache + " --cache-stats 2>" + cache + ".err");
    EXPECT_EQ(warm.out, golden) << "warm";
    const std::string layers = args.find("example.tar") != std::string::npos ? "7" : "5";
    EXPECT_EQ(read_file(cache + ".err"),
              "ballast: cache: " + layers + " layers from the cache, 0 not in it, 0 stored (" + cache + "/layers)\n");
    CommandResult off = run_command(cmd + " --no-cache 2>/dev/null");
    EXPECT_EQ(off.out, golden) << "--no-cache";
  }
  EXPECT_EQ(n, 12);
}

// Several processes filling one empty cache at once: each prints the golden
// report, and afterwards every entry is whole (a warm run takes all layers
// from the cache with no warning) and no temporary file is left.
TEST_F(Golden, ConcurrentRunsShareOneCache) {
  if (std::getenv("BALLAST_UPDATE_GOLDEN")) GTEST_SKIP() << "goldens being rewritten";
  const fs::path expected_dir = fs::path(BALLAST_SOURCE_DIR) / "tests/unit/golden/expected";
  const std::string cache = dir_->path() + "/cache-concurrent";
  const std::string run = std::string(BALLAST_BINARY) + " analyze packages.tar --config analyze.ballast.yaml --format json --cache-dir " + cache;
  std::string script = "cd '" + dir_->path() + "' && for i in 1 2 3 4 5 6; do " + run + " >out.$i 2>err.$i & done; wait";
  ASSERT_EQ(run_command(script).code, 0);
  const std::string golden = read_file(expected_dir / "analyze_packages.json");
  for (int i = 1; i <= 6; ++i) {
    EXPECT_EQ(read_file(dir_->path() + "/out." + std::to_string(i)), golden) << i;
    EXPECT_EQ(read_file(dir_->path() + "/err." + std::to_string(i)), "") << i;
  }
  CommandResult warm = run_command("cd '" + dir_->path() + "' && " + run + " --cache-stats 2>&1 >/dev/null");
  EXPECT_EQ(warm.out, "ballast: cache: 5 layers from the cache, 0 not in it, 0 stored (" + cache + "/layers)\n");
  std::size_t files = 0;
  for (auto& f : fs::directory_iterator(cache + "/layers")) {
    ++files;
    EXPECT_TRUE(f.path().string().ends_with(".layer")) << f.path();
  }
  EXPECT_EQ(files, 5u);
}

// A damaged entry is never trusted: a warning, the golden output, and the
// entry rebuilt (the next run is silent and warm).
TEST_F(Golden, DamagedEntryIsRebuiltWithAWarning) {
  if (std::getenv("BALLAST_UPDATE_GOLDEN")) GTEST_SKIP() << "goldens being rewritten";
  const fs::path expected_dir = fs::path(BALLAST_SOURCE_DIR) / "tests/unit/golden/expected";
  const std::string cache = dir_->path() + "/cache-damaged";
  const std::string cmd = "cd '" + dir_->path() + "' && " + BALLAST_BINARY +
                          " analyze example.tar --no-config --format json --cache-dir " + cache;
  ASSERT_EQ(run_command(cmd + " 2>/dev/null").code, 0);
  std::size_t damaged = 0;
  for (auto& f : fs::directory_iterator(cache + "/layers"))
    if (damaged++ == 0) fs::resize_file(f.path(), fs::file_size(f.path()) / 2);
  CommandResult r = run_command(cmd + " --cache-stats 2>" + cache + ".err");
  EXPECT_EQ(r.out, read_file(expected_dir / "analyze_example.json"));
  const std::string err = read_file(cache + ".err");
  EXPECT_NE(err.find("ballast: warning: cache: ignoring damaged entry"), std::string::npos) << err;
  EXPECT_NE(err.find("6 layers from the cache, 1 not in it, 1 stored"), std::string::npos) << err;
  r = run_command(cmd + " --cache-stats 2>&1 >/dev/null");
  EXPECT_EQ(r.out, "ballast: cache: 7 layers from the cache, 0 not in it, 0 stored (" + cache + "/layers)\n");
}

// `ballast diff A B` reads the layers A and B share once: an image against
// itself reads its 7 layers for A and takes all 7 from the cache for B, and
// prints what it prints without the cache.
TEST_F(Golden, DiffReadsSharedLayersOnce) {
  const std::string cache = dir_->path() + "/cache-diff";
  const std::string cmd = "cd '" + dir_->path() + "' && " + BALLAST_BINARY + " diff example.tar example.tar --no-config --format json";
  CommandResult off = run_command(cmd + " --no-cache 2>/dev/null");
  ASSERT_EQ(off.code, 0);
  CommandResult r = run_command(cmd + " --cache-dir " + cache + " --cache-stats 2>" + cache + ".err");
  EXPECT_EQ(r.out, off.out);
  EXPECT_EQ(read_file(cache + ".err"),
            "ballast: cache: 7 layers from the cache, 7 not in it, 7 stored (" + cache + "/layers)\n");
}

// Folders the user may not read or write (run as nobody through setpriv, as
// root would be allowed everything): warnings, never a failed analysis.
TEST_F(Golden, UnreadableAndUnwritableCacheFoldersAreWarnings) {
  if (::geteuid() != 0) GTEST_SKIP() << "LOUD SKIP: needs root to run ballast as another user (setpriv)";
  const fs::path expected_dir = fs::path(BALLAST_SOURCE_DIR) / "tests/unit/golden/expected";
  TempDir perm;
  fs::permissions(perm.path(), fs::perms(0755));
  fs::copy_file(dir_->path() + "/example.tar", perm / "example.tar");
  fs::permissions(perm / "example.tar", fs::perms(0644));
  fs::create_directories(perm / "ro/layers");  // readable, not writable
  fs::permissions(perm / "ro/layers", fs::perms(0555));
  fs::create_directories(perm / "closed");     // not even readable
  fs::permissions(perm / "closed", fs::perms(0700));
  const std::string golden = read_file(expected_dir / "analyze_example.txt");
  auto as_nobody = [&](const std::string& dir) {
    return run_command("cd '" + perm.path() + "' && setpriv --reuid=65534 --regid=65534 --clear-groups " + BALLAST_BINARY +
                       " analyze example.tar --no-config --cache-dir " + dir + " 2>" + dir + ".err");
  };
  CommandResult r = as_nobody("ro");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, golden);
  EXPECT_EQ(read_file(perm / "ro.err"),
            "ballast: warning: cache: cannot write to ro/layers (Permission denied); new layers are not cached\n");
  r = as_nobody("closed");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, golden);
  EXPECT_EQ(read_file(perm / "closed.err"),
            "ballast: warning: cache: cannot use closed/layers (Permission denied); layers are read without a cache\n");
}

// The cache can never fail an analysis: a folder that cannot be made is a
// warning and the report is the golden one. A bad size is bad input.
TEST_F(Golden, CacheProblemsAreWarningsBadSizesErrors) {
  if (std::getenv("BALLAST_UPDATE_GOLDEN")) GTEST_SKIP() << "goldens being rewritten";
  const fs::path expected_dir = fs::path(BALLAST_SOURCE_DIR) / "tests/unit/golden/expected";
  writer::write_file(dir_->path() + "/not-a-dir", "x");
  const std::string cd = "cd '" + dir_->path() + "' && ";
  CommandResult r = run_command(cd + BALLAST_BINARY +
                                " analyze example.tar --no-config --cache-dir not-a-dir/sub 2>cache.err");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, read_file(expected_dir / "analyze_example.txt"));
  const std::string err = read_file(dir_->path() + "/cache.err");
  EXPECT_TRUE(err.starts_with("ballast: warning: cache: cannot use not-a-dir/sub/layers (")) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;

  r = run_command(cd + BALLAST_BINARY + " cache prune --max-size junk --cache-dir c 2>&1");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "ballast: error: --max-size: 'junk' is not a size (bytes, or with a unit: 500MB, 2GiB)\n");
  writer::write_file(dir_->path() + "/bad-cache.yaml", "cache:\n  max_size: lots\n");
  r = run_command(cd + BALLAST_BINARY + " analyze example.tar --config bad-cache.yaml 2>&1");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "ballast: error: bad-cache.yaml:2: `max_size` must be a size (bytes, or with a unit: 500MB, 2GiB), not 'lots'\n");
}

}  // namespace
}  // namespace ballast::testing
