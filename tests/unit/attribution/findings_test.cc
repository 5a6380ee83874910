// One hand-built image per finding; expected bytes computed by hand.
#include <gtest/gtest.h>

#include "attribution/elf_debug.h"
#include "fixture.h"

namespace ballast::testing {
namespace {

using writer::file_entry;
using writer::whiteout_entry;

std::string bytes(std::size_t n, char c = 'x') { return std::string(n, c); }

attribution::WasteReport waste_of(const Analyzed& a) {
  return a.waste;
}

const model::Finding* find(const attribution::WasteReport& w, std::string_view id) {
  for (const auto& f : w.findings)
    if (f.id == id) return &f;
  return nullptr;
}

TEST(Findings, CachesPerKindWithRootAndLayer) {
  Analyzed a = analyze_layers({
      layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
      layer({file_entry("root/.cache/pip/http/a/b", bytes(3000)), file_entry("root/.cache/pip/wheels/x.whl", bytes(2000)),
             file_entry("usr/local/lib/python3.11/site-packages/x.py", bytes(100))},
            "/bin/sh -c pip install x"),
      layer({file_entry("var/lib/apt/lists/main_Packages", bytes(700)), file_entry("var/cache/apt/archives/a.deb", bytes(900)),
             file_entry("var/cache/apt/pkgcache.bin", bytes(100))},
            "/bin/sh -c apt-get update && apt-get install -y a"),
  });
  auto w = waste_of(a);
  const auto* pip = find(w, "image.cache.pip");
  ASSERT_NE(pip, nullptr);
  EXPECT_EQ(pip->bytes_saved, 5000u);
  EXPECT_EQ(pip->layers, std::vector<int>{1});
  EXPECT_EQ(pip->paths, std::vector<std::string>{"/root/.cache/pip"});
  EXPECT_NE(pip->message.find("RUN pip install x"), std::string::npos);
  EXPECT_NE(pip->fix.find("--no-cache-dir"), std::string::npos);
  EXPECT_EQ(find(w, "image.cache.apt-lists")->bytes_saved, 700u);
  EXPECT_EQ(find(w, "image.cache.apt-archives")->bytes_saved, 1000u);
  // Sorted by bytes saved; the headline is their union.
  EXPECT_EQ(w.findings[0].id, "image.cache.pip");
  EXPECT_EQ(w.total_saving, 6700u);
  EXPECT_EQ(w.stored_bytes, 10u + 5100 + 1700);
}

TEST(Findings, BuildToolchainNamesPackages) {
  Analyzed a = analyze_layers({
      layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
      layer({file_entry("usr/bin/x86_64-linux-gnu-gcc-12", bytes(4000)), file_entry("usr/include/stdio.h", bytes(300)),
             file_entry("usr/lib/x86_64-linux-gnu/libc.a", bytes(2000)),
             file_entry("var/lib/dpkg/info/gcc-12.list", "/usr/bin/x86_64-linux-gnu-gcc-12\n"),
             file_entry("var/lib/dpkg/info/libc6-dev:amd64.list", "/usr/include/stdio.h\n/usr/lib/x86_64-linux-gnu/libc.a\n")},
            "/bin/sh -c apt-get install -y build-essential"),
  });
  auto w = waste_of(a);
  const auto* tc = find(w, "image.build-toolchain");
  ASSERT_NE(tc, nullptr);
  EXPECT_EQ(tc->bytes_saved, 6300u);
  EXPECT_NE(tc->message.find("gcc-12 libc6-dev"), std::string::npos);
  EXPECT_NE(tc->fix.find("multi-stage"), std::string::npos);
  EXPECT_EQ(find(w, "image.static-libraries")->bytes_saved, 2000u);
  EXPECT_EQ(w.total_saving, 6300u);  // the static library counts once
}

TEST(Findings, DeletedOverwrittenAndRewritten) {
  Analyzed a = analyze_layers({
      layer({file_entry("bin/sh", bytes(10)), file_entry("data/keep", bytes(400))}, "ADD rootfs /"),
      layer({file_entry("src/big.tar.gz", bytes(5000)), file_entry("etc/conf", bytes(30))}, "/bin/sh -c wget big.tar.gz"),
      layer({whiteout_entry("src/big.tar.gz"), file_entry("etc/conf", bytes(40, 'y'))}, "/bin/sh -c tar xf && rm big"),
      layer({file_entry("data/keep", bytes(400), 0600)}, "/bin/sh -c chmod 600 /data/keep"),
  });
  auto w = waste_of(a);
  const auto* del = find(w, "image.deleted-later");
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->bytes_saved, 5000u);
  EXPECT_EQ(del->layers, (std::vector<int>{1, 2}));
  EXPECT_EQ(del->paths, std::vector<std::string>{"/src/big.tar.gz"});
  EXPECT_EQ(find(w, "image.overwritten")->bytes_saved, 30u);
  const auto* rw = find(w, "image.rewritten-same-content");
  ASSERT_NE(rw, nullptr);
  EXPECT_EQ(rw->bytes_saved, 400u);
  EXPECT_NE(rw->fix.find("COPY --chown"), std::string::npos);
}

TEST(Findings, DuplicatesGpuModelsDocsTests) {
  const std::string site = "usr/local/lib/python3.11/site-packages";
  Analyzed a = analyze_layers({
      layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
      layer({file_entry("models/a/model.safetensors", bytes(8000, 'm')), file_entry("models/b/model.safetensors", bytes(8000, 'm')),
             file_entry(site + "/torch/lib/libtorch_cuda.so", bytes(6000, 'c')),
             file_entry(site + "/nvidia/cudnn/lib/libcudnn.so.8", bytes(3000, 'd')),
             file_entry(site + "/numpy/tests/test_a.py", bytes(1500, 't')),
             file_entry("usr/share/man/man1/x.1.gz", bytes(1200, 'h'))},
            "/bin/sh -c pip install torch"),
  });
  auto w = waste_of(a);
  EXPECT_EQ(find(w, "image.duplicate-files")->bytes_saved, 8000u);
  EXPECT_EQ(find(w, "image.model-weights")->bytes_saved, 16000u);
  const auto* gpu = find(w, "image.gpu-libraries");
  ASSERT_NE(gpu, nullptr);
  EXPECT_EQ(gpu->bytes_saved, 9000u);
  EXPECT_NE(gpu->fix.find("download.pytorch.org/whl/cpu"), std::string::npos);
  EXPECT_EQ(find(w, "image.package-tests")->bytes_saved, 1500u);
  EXPECT_EQ(find(w, "image.docs")->bytes_saved, 1200u);
  EXPECT_EQ(w.total_saving, 16000u + 9000 + 1500 + 1200);
}

TEST(Findings, SecretsDeletedAndPresent) {
  const std::string key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";
  Analyzed a = analyze_layers({
      layer({file_entry("bin/sh", bytes(10)), file_entry("etc/ssl/certs/ca.pem", "-----BEGIN CERTIFICATE-----\n")},
            "ADD rootfs /"),
      layer({file_entry("app/.env", "TOKEN=1\n"), file_entry("root/.ssh/deploy.pem", key),
             file_entry("root/.npmrc", "//registry.npmjs.org/:_authToken=abc\n"), file_entry("app/.npmrc", "fund=false\n"),
             file_entry("app/.git/config", "[core]\n"), file_entry("app/.git/HEAD", "ref\n")},
            "COPY . /app"),
      layer({whiteout_entry("root/.ssh/deploy.pem"), whiteout_entry("app/.git")}, "/bin/sh -c rm -rf /app/.git ~/.ssh/deploy.pem"),
  });
  auto w = waste_of(a);
  std::vector<std::string> messages;
  for (const auto& f : w.findings)
    if (f.id == "image.secret") {
      EXPECT_EQ(f.severity, model::Severity::kError);
      messages.push_back(f.message);
    }
  ASSERT_EQ(messages.size(), 4u);  // .env, deploy.pem, /root/.npmrc, .git; not the CA cert nor app/.npmrc
  auto has = [&](std::string_view s) {
    for (const auto& m : messages)
      if (m.find(s) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("environment file /app/.env is in the image"));
  EXPECT_TRUE(has("private key /root/.ssh/deploy.pem added by #1 (COPY . /app) is deleted by #2"));
  EXPECT_TRUE(has("npm credentials /root/.npmrc"));
  EXPECT_TRUE(has("git repository /app/.git"));
}

// A minimal ELF64 little-endian file: null, .text, .debug_info, .symtab,
// .strtab and .shstrtab sections, the section headers at the end.
std::string make_elf(std::uint64_t debug_size, std::uint64_t symtab_size, std::uint64_t strtab_size) {
  std::string f(64, '\0');
  auto put = [](std::string& s, std::size_t off, std::uint64_t v, int w) {
    for (int i = 0; i < w; ++i) s[off + i] = static_cast<char>((v >> (8 * i)) & 0xff);
  };
  f[0] = 0x7f; f[1] = 'E'; f[2] = 'L'; f[3] = 'F'; f[4] = 2; f[5] = 1; f[6] = 1;
  const std::string names = std::string("\0.text\0.debug_info\0.symtab\0.strtab\0.shstrtab\0", 45);
  struct S { std::uint32_t name; std::uint32_t type; std::uint64_t size; };
  std::vector<S> secs = {{0, 0, 0}, {1, 1, 100}, {7, 1, debug_size}, {19, 2, symtab_size}, {27, 3, strtab_size},
                         {35, 3, names.size()}};
  std::vector<std::uint64_t> offsets;
  for (const auto& s : secs) {
    offsets.push_back(f.size());
    if (s.name == 35) f += names;
    else f += std::string(s.size, 'z');
  }
  std::uint64_t shoff = f.size();
  for (std::size_t i = 0; i < secs.size(); ++i) {
    std::string h(64, '\0');
    put(h, 0, secs[i].name, 4);
    put(h, 4, secs[i].type, 4);
    put(h, 0x18, i ? offsets[i] : 0, 8);
    put(h, 0x20, secs[i].size, 8);
    f += h;
  }
  put(f, 0x28, shoff, 8);
  put(f, 0x3a, 64, 2);
  put(f, 0x3c, secs.size(), 2);
  put(f, 0x3e, 5, 2);
  return f;
}

TEST(ElfDebug, SectionSizesFromHeaders) {
  auto info = attribution::elf_debug_info(make_elf(5000, 240, 77));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->debug_bytes, 5000u);
  EXPECT_EQ(info->symtab_bytes, 317u);
  std::string truncated = make_elf(5000, 240, 77);
  truncated.resize(truncated.size() - 10);
  EXPECT_FALSE(attribution::elf_debug_info(truncated));
  EXPECT_FALSE(attribution::elf_debug_info("not an elf at all"));
}

TEST(Findings, UnstrippedBinaries) {
  attribution::CaptureOptions elf;
  elf.elf = true;
  Analyzed a = analyze_layers({
      layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
      layer({file_entry("usr/local/bin/tool", make_elf(6000, 240, 60), 0755),
             file_entry("usr/local/lib/libstripped.so", make_elf(0, 0, 0) + bytes(5000))},
            "/bin/sh -c make install"),
  }, {}, elf);
  auto w = waste_of(a);
  const auto* f = find(w, "image.unstripped-binaries");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->bytes_saved, 6300u);
  EXPECT_EQ(f->paths, std::vector<std::string>{"/usr/local/bin/tool"});
  // Off by default: a note says so.
  Analyzed off = analyze_layers({layer({file_entry("usr/local/bin/tool", make_elf(6000, 240, 60), 0755)})});
  auto w2 = waste_of(off);
  EXPECT_EQ(find(w2, "image.unstripped-binaries"), nullptr);
  ASSERT_EQ(w2.notes.size(), 1u);
  EXPECT_NE(w2.notes[0].find("ELF inspection is off"), std::string::npos);
  EXPECT_FALSE(w2.elf_checked);
  EXPECT_TRUE(a.waste.elf_checked);
}

}  // namespace
}  // namespace ballast::testing

namespace ballast::testing {
namespace {

// npm's hidden lockfile (npm 7+; "packages" keyed by folder, "dev": true for
// what only devDependencies need), as `npm ci` leaves it. By hand: the dev
// folders' visible files outside the base, typescript 5000 + 50 and
// @types/node 700 = 5750. Not counted: express and its nested debug (no
// dev flag: the positive control that the walk sees non-dev packages),
// ms ("devOptional" is not "dev": --omit=dev keeps it), left-pad (dev, but
// deleted later: nothing visible), the base's npm (base layer), a
// malformed lockfile elsewhere (ignored, no finding).
TEST(Findings, NodeDevDependenciesFromTheHiddenLockfile) {
  const std::string lock = R"({"name":"app","lockfileVersion":3,"packages":{
    "node_modules/express":{"version":"4.18.2"},
    "node_modules/express/node_modules/debug":{"version":"2.6.9"},
    "node_modules/typescript":{"version":"5.3.3","dev":true},
    "node_modules/@types/node":{"version":"20.1.0","dev":true},
    "node_modules/ms":{"version":"2.1.3","devOptional":true},
    "node_modules/left-pad":{"version":"1.3.0","dev":true},
    "node_modules/../../etc":{"dev":true}}})";
  const std::string base_lock = R"({"packages":{"node_modules/semver":{"dev":true}}})";
  attribution::AttributionOptions o;
  o.base_layers = 1;
  Analyzed a = analyze_layers(
      {
          layer({file_entry("bin/sh", bytes(10)),
                 file_entry("usr/local/lib/node_modules/npm/node_modules/.package-lock.json", base_lock),
                 file_entry("usr/local/lib/node_modules/npm/node_modules/semver/index.js", bytes(400))},
                "ADD rootfs /"),
          layer({file_entry("app/node_modules/.package-lock.json", lock),
                 file_entry("app/node_modules/express/index.js", bytes(1000)),
                 file_entry("app/node_modules/express/node_modules/debug/index.js", bytes(300)),
                 file_entry("app/node_modules/typescript/lib/tsc.js", bytes(5000)),
                 file_entry("app/node_modules/typescript/package.json", bytes(50)),
                 file_entry("app/node_modules/@types/node/index.d.ts", bytes(700)),
                 file_entry("app/node_modules/ms/index.js", bytes(80)),
                 file_entry("app/node_modules/left-pad/index.js", bytes(90)),
                 file_entry("etc/passwd", bytes(20)),
                 file_entry("other/node_modules/.package-lock.json", "{not json"),
                 file_entry("other/node_modules/x/index.js", bytes(60))},
                "/bin/sh -c npm ci"),
          layer({whiteout_entry("app/node_modules/left-pad")}, "/bin/sh -c rm -rf node_modules/left-pad"),
      },
      o);
  const auto* f = find(a.waste, "image.node-dev-dependencies");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->bytes_saved, 5750u);
  EXPECT_EQ(f->paths, (std::vector<std::string>{"/app/node_modules/typescript", "/app/node_modules/@types/node"}));
  EXPECT_EQ(f->layers, std::vector<int>{1});
  EXPECT_NE(f->message.find("2 npm packages installed only for devDependencies"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("left in /app/node_modules: 5.75 kB"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("RUN npm ci"), std::string::npos) << f->message;
  EXPECT_NE(f->fix.find("--omit=dev"), std::string::npos);
}

// Without a hidden lockfile (npm 6, yarn, pnpm) nothing is claimed; the
// same tree with it is the positive control above.
TEST(Findings, NoNodeDevDependenciesWithoutTheHiddenLockfile) {
  Analyzed a = analyze_layers({
      layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
      layer({file_entry("app/package-lock.json", R"({"packages":{"node_modules/typescript":{"dev":true}}})"),
             file_entry("app/node_modules/typescript/lib/tsc.js", bytes(5000))},
            "/bin/sh -c npm ci"),
  });
  EXPECT_EQ(find(a.waste, "image.node-dev-dependencies"), nullptr);
}

}  // namespace
}  // namespace ballast::testing
