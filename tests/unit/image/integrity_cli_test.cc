// Integrity (issue 19): `--verify` checks both hashes of every layer — the
// stored bytes against the manifest's digest and the decompressed tar against
// the config's rootfs.diff_ids — and every report says which layers were not
// verified and why. Fixtures are made by real tools (umoci, skopeo) and by the
// image writer, then tampered with; expected digests come from gzip(1) and
// sha256sum(1), not from ballast.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

#include "../support/run_command.h"
#include "oci_edit.h"
#include "temp_dir.h"
#include "writer/image_writer.h"

namespace ballast::image {
namespace {

using namespace ballast::writer;  // hand-made fixtures
using ballast::testing::hex_of;
using ballast::testing::only_manifest;
using ballast::testing::read_bytes;
using ballast::testing::replace_blob_rechained;
using ballast::testing::write_bytes;
using nlohmann::json;
using testing::TempDir;

ballast::testing::CommandResult run(const std::string& args) {
  return ballast::testing::run_command(std::string(BALLAST_BINARY) + " " + args + " 2>&1");
}

ballast::testing::CommandResult sh(const std::string& command) {
  return ballast::testing::run_command(command + " 2>&1");
}

bool one_line(const std::string& out) { return !out.empty() && out.find('\n') == out.size() - 1; }

// A real tool must be present under CI; locally its absence skips loudly.
bool have(const char* tool) {
  if (sh(std::string("command -v ") + tool).code == 0) return true;
  if (std::getenv("CI")) ADD_FAILURE() << tool << " is required under CI=true";
  std::fprintf(stderr, "\n*** SKIPPED: %s not installed ***\n\n", tool);
  return false;
}

json layer0(const std::string& args) {
  auto r = run("analyze --format json " + args);
  EXPECT_EQ(r.code, 0) << r.out;
  json j = json::parse(r.out, nullptr, false);
  if (j.is_discarded() || !j.contains("layers") || j["layers"].empty()) {
    ADD_FAILURE() << r.out;
    return json::object();
  }
  return j["layers"][0];
}

// sha256 of the decompressed blob, by gzip(1) and sha256sum(1).
std::string gunzip_sha256(const std::string& blob) {
  auto r = sh("gzip -dc '" + blob + "' | sha256sum | cut -d' ' -f1");
  EXPECT_EQ(r.code, 0) << r.out;
  return r.out.substr(0, 64);
}

// Sets the config's rootfs.diff_ids[0] and re-points the manifest at the new config.
void set_diff_id(const std::string& dir, const std::string& diff_id) {
  json manifest = only_manifest(dir);
  std::string config_hex = hex_of(manifest["config"]);
  json config = json::parse(read_bytes(dir + "/blobs/sha256/" + config_hex));
  config["rootfs"]["diff_ids"][0] = diff_id;
  replace_blob_rechained(dir, config_hex, config.dump());
}

// A one-layer image made by umoci: unpack (rootless), add a file, repack.
// (umoci 0.4.7's `insert` writes a layer whose tar ends without padding or
// end-of-archive blocks, which GNU tar refuses as ballast does.)
const std::string kUmociImage =
    "umoci init --layout lay && umoci new --image lay:t && umoci unpack --rootless --image lay:t b "
    ">/dev/null && printf 'hello\\n' > b/rootfs/f.txt && umoci repack --image lay:t b >/dev/null";

const std::string kWrongDiffId = "sha256:" + std::string(64, 'e');

WriteImage one_layer(Compression c) {
  WriteImage img;
  img.layers.push_back({{file_entry("etc/motd", "hello\n"), file_entry("data", std::string(5000, 'd'))},
                        "ADD . /", c});
  return img;
}

TEST(Integrity, VerifyChecksDiffIdOfCompressedLayers) {
  for (Compression c : {Compression::kGzip, Compression::kZstd}) {
    TempDir tmp;
    const std::string dir = tmp / "oci";
    write_oci_layout({one_layer(c)}, dir);
    // Positive control: the honest image verifies in full.
    json ok = layer0("--verify oci:" + dir);
    EXPECT_EQ(ok["verified"], true);
    EXPECT_EQ(ok["diff_id_verified"], true);
    EXPECT_TRUE(ok["not_verified"].is_null()) << ok;
    auto text = run("analyze --verify oci:" + dir);
    EXPECT_NE(text.out.find("Verified   the layer (stored digest and diff ID)\n"), std::string::npos) << text.out;

    set_diff_id(dir, kWrongDiffId);
    auto r = run("analyze --verify oci:" + dir);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_TRUE(one_line(r.out)) << r.out;
    EXPECT_NE(r.out.find("diff_id mismatch"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(kWrongDiffId), std::string::npos) << r.out;

    // Without --verify the stored digest is still checked, and the report says
    // the diff ID was not.
    json def = layer0("oci:" + dir);
    EXPECT_EQ(def["verified"], true);
    EXPECT_EQ(def["diff_id_verified"], false);
    EXPECT_EQ(def["not_verified"], "diff-id-not-hashed");
    auto t = run("analyze oci:" + dir);
    EXPECT_EQ(t.code, 0) << t.out;
    EXPECT_NE(t.out.find("Verified   0 of 1 layers; layer 0: uncompressed tar not hashed against the "
                         "config's diff ID (--verify does)\n"),
              std::string::npos)
        << t.out;
  }
}

TEST(Integrity, DiffIdMismatchNamesTheRealDigest) {
  TempDir tmp;
  const std::string dir = tmp / "oci";
  write_oci_layout({one_layer(Compression::kGzip)}, dir);
  std::string layer = dir + "/blobs/sha256/" + hex_of(only_manifest(dir)["layers"][0]);
  std::string real = gunzip_sha256(layer);
  set_diff_id(dir, kWrongDiffId);
  auto r = run("analyze --verify oci:" + dir);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("the uncompressed layer is sha256:" + real), std::string::npos) << r.out;
}

TEST(Integrity, TamperedUncompressedOciBlob) {
  TempDir tmp;
  const std::string dir = tmp / "oci";
  write_oci_layout({one_layer(Compression::kNone)}, dir);
  EXPECT_EQ(layer0("--verify oci:" + dir)["not_verified"], nullptr);  // positive control
  // Change file contents (not a header): the tar still reads.
  std::string path = dir + "/blobs/sha256/" + hex_of(only_manifest(dir)["layers"][0]);
  std::string bytes = read_bytes(path);
  auto at = bytes.find("hello\n");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'j';
  write_bytes(path, bytes);

  auto r = run("analyze --verify oci:" + dir);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(one_line(r.out)) << r.out;
  EXPECT_NE(r.out.find("digest mismatch"), std::string::npos) << r.out;
  // The default read seeks: it cannot notice, and says so.
  json def = layer0("oci:" + dir);
  EXPECT_EQ(def["verified"], false);
  EXPECT_EQ(def["not_verified"], "seeked");
  auto t = run("analyze oci:" + dir);
  EXPECT_NE(t.out.find("layer 0: read by seeking, contents not hashed (--verify reads and checks them)"),
            std::string::npos)
      << t.out;
}

TEST(Integrity, NoVerifySaysSo) {
  TempDir tmp;
  const std::string dir = tmp / "oci";
  write_oci_layout({one_layer(Compression::kGzip)}, dir);
  json j = layer0("--no-verify oci:" + dir);
  EXPECT_EQ(j["verified"], false);
  EXPECT_EQ(j["not_verified"], "disabled");
}

TEST(Integrity, DockerArchiveGzipLayerDiffId) {
  // A docker-archive states only diff IDs; a gzip member is checked by --verify
  // through its decompressed hash.
  TempDir tmp;
  const std::string dir = tmp / "oci";
  write_oci_layout({one_layer(Compression::kGzip)}, dir);
  if (!have("skopeo")) return;
  // skopeo writes docker-archive layers uncompressed; put the gzip blob back in.
  auto c = sh("skopeo copy -q oci:" + dir + " docker-archive:" + tmp / "d.tar");
  ASSERT_EQ(c.code, 0) << c.out;
  EXPECT_EQ(layer0("--verify docker-archive:" + tmp / "d.tar")["diff_id_verified"], true);
  ASSERT_EQ(sh("mkdir " + tmp / "x" + " && tar -C " + tmp / "x" + " -xf " + tmp / "d.tar").code, 0);
  json manifest = json::parse(read_bytes(tmp / "x/manifest.json"));
  std::string member = manifest[0]["Layers"][0];
  std::string gz = dir + "/blobs/sha256/" + hex_of(only_manifest(dir)["layers"][0]);
  write_bytes(tmp / "x/" + member, read_bytes(gz));
  ASSERT_EQ(sh("tar -C " + tmp / "x" + " -cf " + tmp / "g.tar .").code, 0);
  json good = layer0("--verify docker-archive:" + tmp / "g.tar");
  EXPECT_EQ(good["compression"], "gzip");
  EXPECT_EQ(good["diff_id_verified"], true) << good;

  std::string config_member = manifest[0]["Config"];
  json config = json::parse(read_bytes(tmp / "x/" + config_member));
  config["rootfs"]["diff_ids"][0] = kWrongDiffId;
  write_bytes(tmp / "x/" + config_member, config.dump());
  ASSERT_EQ(sh("tar -C " + tmp / "x" + " -cf " + tmp / "b.tar .").code, 0);
  auto r = run("analyze --verify docker-archive:" + tmp / "b.tar");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(one_line(r.out)) << r.out;
  EXPECT_NE(r.out.find("the uncompressed layer is sha256:" + gunzip_sha256(gz)), std::string::npos) << r.out;
  EXPECT_EQ(layer0("docker-archive:" + tmp / "b.tar")["not_verified"], "diff-id-not-hashed");
}

TEST(Integrity, UmociLayoutTampered) {
  if (!have("umoci")) return;
  TempDir tmp;
  const std::string dir = tmp / "lay";
  auto made = sh("cd " + tmp.path() + " && " + kUmociImage);
  ASSERT_EQ(made.code, 0) << made.out;
  json ok = layer0("--verify oci:" + dir + ":t");
  EXPECT_EQ(ok["compression"], "gzip");
  EXPECT_TRUE(ok["not_verified"].is_null()) << ok;

  // A wrong diff ID in umoci's config: only --verify can tell.
  TempDir copy;
  ASSERT_EQ(sh("cp -a " + dir + " " + copy / "lay").code, 0);
  set_diff_id(copy / "lay", kWrongDiffId);
  auto r = run("analyze --verify oci:" + copy / "lay" + ":t");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(one_line(r.out)) << r.out;
  EXPECT_NE(r.out.find("diff_id mismatch"), std::string::npos) << r.out;
  EXPECT_EQ(layer0("oci:" + copy / "lay" + ":t")["not_verified"], "diff-id-not-hashed");

  // A changed gzip blob that still inflates (its header's mtime byte): the
  // stored digest no longer matches, and compressed blobs are always checked.
  std::string layer = dir + "/blobs/sha256/" + hex_of(only_manifest(dir)["layers"][0]);
  std::string bytes = read_bytes(layer);
  bytes[4] = static_cast<char>(bytes[4] ^ 1);
  write_bytes(layer, bytes);
  ASSERT_EQ(sh("gzip -t '" + layer + "'").code, 0);  // still valid gzip
  for (const char* flags : {"", "--verify "}) {
    auto t = run(std::string("analyze ") + flags + "oci:" + dir + ":t");
    EXPECT_EQ(t.code, 2) << flags << t.out;
    EXPECT_TRUE(one_line(t.out)) << t.out;
    EXPECT_NE(t.out.find("digest mismatch"), std::string::npos) << t.out;
  }
}

TEST(Integrity, SkopeoDockerArchiveTampered) {
  if (!have("skopeo") || !have("umoci")) return;
  TempDir tmp;
  auto made = sh("cd " + tmp.path() + " && " + kUmociImage +
                 " && skopeo copy -q oci:lay:t docker-archive:d.tar:app:1");
  ASSERT_EQ(made.code, 0) << made.out;
  const std::string archive = tmp / "d.tar";
  EXPECT_TRUE(layer0("--verify " + archive)["not_verified"].is_null());
  EXPECT_EQ(layer0(archive)["not_verified"], "seeked");
  std::string bytes = read_bytes(archive);
  auto at = bytes.find("hello\n");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 'j';
  write_bytes(archive, bytes);
  auto r = run("analyze --verify " + archive);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_TRUE(one_line(r.out)) << r.out;
  EXPECT_NE(r.out.find("digest mismatch"), std::string::npos) << r.out;
  json def = layer0(archive);  // seeking cannot see it, and says so
  EXPECT_EQ(def["not_verified"], "seeked");
  // Streamed from stdin, every stored byte is hashed: caught without --verify.
  auto s = sh(std::string(BALLAST_BINARY) + " analyze - < " + archive);
  EXPECT_EQ(s.code, 2) << s.out;
  EXPECT_NE(s.out.find("digest mismatch"), std::string::npos) << s.out;
}

}  // namespace
}  // namespace ballast::image
