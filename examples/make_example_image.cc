// Writes the README's example image: a small docker-archive shaped like the
// images our users bring (a Python service with a build toolchain, apt lists,
// pip cache, unused torch, baked-in model and a chmod -R), so that
// `ballast analyze` has real waste to find. No daemon or registry needed.
//
//   make_example_image OUT.tar
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>

#include "writer/image_writer.h"

namespace {

using namespace ballast::writer;

// Incompressible, deterministic bytes (a fixed-seed xorshift), so sizes
// behave like real binaries rather than collapsing under gzip.
std::string bytes(std::size_t n, std::uint64_t seed) {
  std::string out(n, '\0');
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
  for (std::size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    out[i] = static_cast<char>(x);
  }
  return out;
}

constexpr std::size_t kKB = 1000, kMB = 1000 * 1000;

HistoryEntry step(const char* created_by, bool empty = false) {
  HistoryEntry h;
  h.created = "2026-11-01T12:00:00Z";
  h.created_by = created_by;
  h.comment = "buildkit.dockerfile.v0";
  h.empty_layer = empty;
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT.tar\n", argv[0]);
    return 2;
  }
  try {
    WriteImage img;
    img.repo_tags = {"example/trackmaster:latest"};
    std::string app_main = "import fastapi\nimport numpy\n\napp = fastapi.FastAPI()\n";
    std::string model = bytes(4 * kMB, 7);

    img.layers.push_back({{dir_entry("bin"), file_entry("bin/busybox", bytes(1 * kMB, 1), 0755),
                           symlink_entry("bin/sh", "busybox"), dir_entry("etc"),
                           file_entry("etc/os-release", "ID=debian\nVERSION_ID=12\n"),
                           dir_entry("usr/share/doc/base"),
                           file_entry("usr/share/doc/base/changelog.gz", bytes(300 * kKB, 2))}, ""});
    img.layers.push_back(
        {{dir_entry("var/lib/apt/lists"),
          file_entry("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages",
                     bytes(2 * kMB, 3)),
          dir_entry("usr/bin"), file_entry("usr/bin/gcc-12", bytes(3 * kMB, 4), 0755),
          symlink_entry("usr/bin/gcc", "gcc-12"), dir_entry("usr/include/python3.11"),
          file_entry("usr/include/python3.11/Python.h", bytes(200 * kKB, 5)),
          file_entry("usr/lib/x86_64-linux-gnu/libpython3.11.a", bytes(1500 * kKB, 6))}, ""});
    img.layers.push_back(
        {{dir_entry("root/.cache/pip/http"),
          file_entry("root/.cache/pip/http/a/b/torch-2.1.0-cp311.whl.part", bytes(3 * kMB, 8)),
          dir_entry("usr/local/lib/python3.11/site-packages/torch/lib"),
          file_entry("usr/local/lib/python3.11/site-packages/torch/lib/libtorch_cpu.so", bytes(6 * kMB, 9), 0755),
          file_entry("usr/local/lib/python3.11/site-packages/numpy/core/_multiarray_umath.so",
                     bytes(900 * kKB, 10), 0755),
          file_entry("usr/local/lib/python3.11/site-packages/fastapi/__init__.py", "# fastapi\n")}, ""});
    img.layers.push_back({{dir_entry("app"), file_entry("app/main.py", app_main),
                           file_entry("app/requirements.txt", "fastapi==0.104.1\nnumpy==1.24.3\ntorch==2.1.0\n"),
                           file_entry("app/models/model.safetensors", model),
                           file_entry("app/.git/objects/pack/pack-1.pack", bytes(700 * kKB, 11))}, ""});
    // `RUN chmod -R 755 /app` copies every file up with the same bytes.
    img.layers.push_back({{file_entry("app/main.py", app_main, 0755),
                           file_entry("app/models/model.safetensors", model, 0755)}, ""});
    img.layers.push_back({{file_entry("opt/cache/model.safetensors", model)}, ""});
    img.layers.push_back({{whiteout_entry("var/lib/apt/lists")}, ""});
    img.history = {step("ADD rootfs.tar / # buildkit"),
                   step("ENV PYTHONUNBUFFERED=1", true),
                   step("RUN /bin/sh -c apt-get update && apt-get install -y build-essential python3-dev # buildkit"),
                   step("RUN /bin/sh -c pip install -r requirements.txt # buildkit"),
                   step("WORKDIR /app", true),
                   step("COPY . /app # buildkit"),
                   step("RUN /bin/sh -c chmod -R 755 /app # buildkit"),
                   step("RUN /bin/sh -c cp /app/models/model.safetensors /opt/cache/ # buildkit"),
                   step("RUN /bin/sh -c rm -rf /var/lib/apt/lists # buildkit"),
                   step("CMD [\"uvicorn\" \"main:app\"]", true)};
    write_docker_archive({img}, argv[1]);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "make_example_image: %s\n", e.what());
    return 2;
  }
}
