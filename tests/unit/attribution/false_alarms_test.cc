// Findings that fired on real images and were wrong (issue 14): each case
// must stay silent, next to a positive control that must still fire. Every
// expected byte count is the sum of the fixture sizes written beside it.
#include <gtest/gtest.h>

#include "fixture.h"
#include "util/error.h"

namespace ballast::testing {
namespace {

using writer::file_entry;

std::string bytes(std::size_t n, char c = 'x') { return std::string(n, c); }

const model::Finding* find(const Analyzed& a, std::string_view id) {
  for (const auto& f : a.waste.findings)
    if (f.id == id) return &f;
  return nullptr;
}

attribution::AttributionOptions after_base() {
  attribution::AttributionOptions o;
  o.base_layers = 1;
  return o;
}

const std::string kLib = "usr/lib/x86_64-linux-gnu/";

TEST(FalseAlarms, CurlAndCupsAreNotGpuLibraries) {
  Analyzed a = analyze_layers(
      {layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
       layer({file_entry(kLib + "libcurl.so.4.8.0", bytes(700)), file_entry(kLib + "libcurl-gnutls.so.4.8.0", bytes(650)),
              file_entry(kLib + "libcups.so.2", bytes(600)), file_entry("usr/share/doc/libcurl4/changelog.gz", bytes(90)),
              file_entry("var/lib/dpkg/info/libcurl4:amd64.list",
                         "/" + kLib + "libcurl.so.4.8.0\n/usr/share/doc/libcurl4/changelog.gz\n"),
              file_entry("var/lib/dpkg/info/libcurl3-gnutls:amd64.list", "/" + kLib + "libcurl-gnutls.so.4.8.0\n"),
              file_entry("var/lib/dpkg/info/libcups2:amd64.list", "/" + kLib + "libcups.so.2\n")},
             "RUN apt-get install -y curl cups")},
      after_base());
  EXPECT_EQ(find(a, "image.gpu-libraries"), nullptr);
  EXPECT_EQ(category_of(a, 1, kLib + "libcurl.so.4.8.0"), "os-packages");
  EXPECT_EQ(category_of(a, 1, kLib + "libcups.so.2"), "os-packages");
  EXPECT_EQ(category_of(a, 1, "usr/share/doc/libcurl4/changelog.gz"), "docs");
}

TEST(FalseAlarms, CudaFamiliesAreGpuLibraries) {
  const std::string site = "usr/local/lib/python3.11/site-packages";
  Analyzed a = analyze_layers(
      {layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
       layer({file_entry(kLib + "libcudart.so.12.0.146", bytes(400)),           // Debian libcudart12
              file_entry(kLib + "libcublasLt.so.12", bytes(300)),               // unowned, by soname
              file_entry(kLib + "libnvToolsExt.so.1", bytes(20)),
              file_entry(site + "/nvidia/cudnn/lib/libcudnn_ops.so.9", bytes(200)),  // a cu12 wheel
              file_entry(site + "/pynvml.py", bytes(80)),                       // nvidia-ml-py: bindings, not CUDA
              file_entry(site + "/nvidia_ml_py-12.535.dist-info/METADATA", "Name: nvidia-ml-py\nVersion: 12.535\n"),
              file_entry(site + "/nvidia_ml_py-12.535.dist-info/RECORD", "pynvml.py,,80\n"),
              file_entry("var/lib/dpkg/info/libcudart12:amd64.list", "/" + kLib + "libcudart.so.12.0.146\n")},
             "RUN pip install torch")},
      after_base());
  const auto* gpu = find(a, "image.gpu-libraries");
  ASSERT_NE(gpu, nullptr);
  EXPECT_EQ(gpu->bytes_saved, 400u + 300 + 20 + 200);
  EXPECT_EQ(category_of(a, 1, site + "/pynvml.py"), "python-packages");
  // The category rules themselves, on package names alone.
  attribution::CategoryTable t;
  auto cat_of_package = [&](const char* name, attribution::Manager m) {
    attribution::PackageInfo info;
    info.name = name;
    info.manager = m;
    attribution::FileFacts f;
    f.path = "usr/lib/somewhere/file";
    f.package = &info;
    return t.names()[t.classify(f)];
  };
  using attribution::Manager;
  for (const char* gpu_pkg : {"libcudnn9-cuda-12", "libnccl2", "libcublas-12-4", "libcublaslt12", "libcuda1",
                              "nvidia-cuda-toolkit", "cuda-cudart-12-4", "libnvjitlink12"})
    EXPECT_EQ(cat_of_package(gpu_pkg, Manager::kDpkg), "gpu-libs") << gpu_pkg;
  for (const char* other : {"libcurl4", "libcurl3-gnutls", "libcups2", "libcupsimage2", "libcue2"})
    EXPECT_EQ(cat_of_package(other, Manager::kDpkg), "os-packages") << other;
  EXPECT_EQ(cat_of_package("nvidia-cublas-cu12", Manager::kPython), "gpu-libs");
  EXPECT_EQ(cat_of_package("nvidia-nccl-cu11", Manager::kPython), "gpu-libs");
  EXPECT_EQ(cat_of_package("nvidia-ml-py", Manager::kPython), "python-packages");
}

TEST(FalseAlarms, GitPacksAndStrayBinFilesAreNotWeights) {
  Analyzed a = analyze_layers(
      {layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
       layer({file_entry("app/.git/objects/pack.bin", bytes(5000)),
              file_entry("app/.git/HEAD", "ref: refs/heads/main\n"),
              file_entry("app/models/.git/objects/ab/cdef.bin", bytes(700)),  // a cloned model repo's git store
              file_entry("app/firmware/blob.bin", bytes(900)),                // a .bin where no model lives
              file_entry("app/config.json.bak", bytes(10))},
             "COPY . /app")},
      after_base());
  EXPECT_EQ(find(a, "image.model-weights"), nullptr);
  EXPECT_NE(find(a, "image.secret"), nullptr);  // the git repository has its own finding
}

TEST(FalseAlarms, WeightsWhereModelsLive) {
  Analyzed a = analyze_layers(
      {layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
       layer({file_entry("app/models/bert/pytorch_model.bin", bytes(1000)),
              file_entry("app/checkpoints/step-10/optimizer.bin", bytes(800)),
              file_entry("app/bert-base/config.json", "{}"),
              file_entry("app/bert-base/pytorch_model.bin", bytes(600)),  // save_pretrained: beside config.json
              file_entry("root/.cache/huggingface/hub/models--x/blobs/abc", bytes(400)),
              file_entry("app/weights.safetensors", bytes(300))},
             "COPY . /app")},
      after_base());
  const auto* ml = find(a, "image.model-weights");
  ASSERT_NE(ml, nullptr);
  EXPECT_EQ(ml->bytes_saved, 1000u + 800 + 600 + 400 + 300);
}

TEST(FalseAlarms, BesideNeedsAPath) {
  attribution::CategoryRule r;
  r.category = "ml-models";
  r.beside = "config.json";
  r.manager = "python";
  try {
    attribution::CategoryTable t({r});
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "category rule for 'ml-models': 'beside' needs a 'path' too");
  }
}

TEST(FalseAlarms, RuntimePackageHeadersAreNotABuildToolchain) {
  const std::string numpy = "usr/lib/python3/dist-packages/numpy/core/include/numpy/";
  const std::string site = "usr/local/lib/python3.11/site-packages";
  Analyzed a = analyze_layers(
      {layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
       layer({file_entry(numpy + "ndarrayobject.h", bytes(300)), file_entry(numpy + "libnpymath.a", bytes(200)),
              file_entry("var/lib/dpkg/info/python3-numpy.list",
                         "/" + numpy + "ndarrayobject.h\n/" + numpy + "libnpymath.a\n"),
              file_entry(site + "/pandas/_libs/src/parser.h", bytes(50)),
              file_entry(site + "/pandas-2.1.dist-info/METADATA", "Name: pandas\nVersion: 2.1\n"),
              file_entry(site + "/pandas-2.1.dist-info/RECORD", "pandas/_libs/src/parser.h,,50\n")},
             "RUN apt-get install -y python3-numpy && pip install pandas")},
      after_base());
  EXPECT_EQ(find(a, "image.build-toolchain"), nullptr);
  EXPECT_NE(category_of(a, 1, numpy + "ndarrayobject.h"), "build-toolchain");
}

TEST(FalseAlarms, BuildToolchainNamesOnlyTools) {
  // Positive control: gcc and libc6-dev are named; libisl23 (gcc's own
  // library) is counted but not named; python3-numpy's header is neither.
  const std::string numpy = "usr/lib/python3/dist-packages/numpy/core/include/numpy/";
  Analyzed a = analyze_layers(
      {layer({file_entry("bin/sh", bytes(10))}, "ADD rootfs /"),
       layer({file_entry("usr/bin/x86_64-linux-gnu-gcc-12", bytes(4000)), file_entry("usr/include/stdio.h", bytes(300)),
              file_entry(kLib + "libisl.so.23", bytes(900)), file_entry(numpy + "ndarrayobject.h", bytes(300)),
              file_entry("usr/local/include/mylib.h", bytes(70)),  // make install: no package
              file_entry("var/lib/dpkg/info/gcc-12.list", "/usr/bin/x86_64-linux-gnu-gcc-12\n"),
              file_entry("var/lib/dpkg/info/libisl23:amd64.list", "/" + kLib + "libisl.so.23\n"),
              file_entry("var/lib/dpkg/info/python3-numpy.list", "/" + numpy + "ndarrayobject.h\n"),
              file_entry("var/lib/dpkg/info/libc6-dev:amd64.list", "/usr/include/stdio.h\n")},
             "RUN apt-get install -y build-essential python3-numpy")},
      after_base());
  const auto* tc = find(a, "image.build-toolchain");
  ASSERT_NE(tc, nullptr);
  EXPECT_EQ(tc->bytes_saved, 4000u + 300 + 900 + 70);
  EXPECT_NE(tc->fix.find("install gcc-12 libc6-dev in a builder stage"), std::string::npos) << tc->fix;
  EXPECT_EQ(tc->fix.find("numpy"), std::string::npos) << tc->fix;
  EXPECT_EQ(tc->fix.find("libisl"), std::string::npos) << tc->fix;
}

TEST(FalseAlarms, DocsBytesLeaveOutCopyrightAndTheBase) {
  Analyzed a = analyze_layers(
      {layer({file_entry("bin/sh", bytes(10)), file_entry("usr/share/doc/base-files/changelog.gz", bytes(5000))},
             "ADD rootfs /"),
       layer({file_entry("usr/share/doc/curl/copyright", bytes(100)), file_entry("usr/share/doc/curl/changelog.gz", bytes(1000)),
              file_entry("usr/share/man/man1/curl.1.gz", bytes(500))},
             "RUN apt-get install -y curl")},
      after_base());
  const auto* dc = find(a, "image.docs");
  ASSERT_NE(dc, nullptr);
  EXPECT_EQ(dc->bytes_saved, 1000u + 500);  // not the copyright (kept), not the base's changelog
  EXPECT_NE(dc->fix.find("path-include=/usr/share/doc/*/copyright"), std::string::npos) << dc->fix;
}

}  // namespace
}  // namespace ballast::testing
