// Writes a large synthetic image for the attribution benchmark (run.sh):
// 60,000+ files over 5 layers, owned through every kind of package database
// ballast reads (dpkg status + .list files, Python RECORDs, node_modules
// package.json, conda-meta), plus caches, docs and whiteouts.
// Usage: make_attribution_bench_image OUT.tar [gzip]
// (gzip: an oci-archive with gzip layers; else an uncompressed docker-archive)
#include <cstdio>
#include <random>
#include <string>

#include "writer/image_writer.h"

using namespace ballast::writer;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT.tar [gzip]\n", argv[0]);
    return 2;
  }
  const bool gzip = argc > 2 && std::string(argv[2]) == "gzip";
  std::mt19937 rng(42);
  auto blob = [&](std::size_t max) { return std::string(rng() % max, static_cast<char>('a' + rng() % 26)); };
  WriteImage img;
  img.repo_tags = {"bench/attribution:1"};

  // Layer 0: an OS with 600 dpkg packages owning 24,000 files.
  WriteLayer os;
  os.created_by = "ADD rootfs.tar /";
  std::string status;
  for (int p = 0; p < 600; ++p) {
    std::string name = "pkg" + std::to_string(p);
    status += "Package: " + name + "\nStatus: install ok installed\nSection: libs\nInstalled-Size: 100\nVersion: 1.0\n\n";
    std::string list;
    for (int f = 0; f < 40; ++f) {
      std::string path = (f % 4 == 0 ? "usr/share/doc/" : "usr/lib/x86_64-linux-gnu/") + name + "/f" + std::to_string(f);
      os.entries.push_back(file_entry(path, blob(4096)));
      list += "/" + path + "\n";
    }
    os.entries.push_back(file_entry("var/lib/dpkg/info/" + name + ".list", list));
  }
  os.entries.push_back(file_entry("var/lib/dpkg/status", status));
  img.layers.push_back(std::move(os));

  // Layer 1: apt-get install: 100 more packages, apt lists left behind.
  WriteLayer apt;
  apt.created_by = "/bin/sh -c apt-get update && apt-get install -y build-essential";
  for (int p = 600; p < 700; ++p) {
    std::string name = p % 2 ? "lib" + std::to_string(p) + "-dev" : "gcc-" + std::to_string(p);
    status += "Package: " + name + "\nStatus: install ok installed\nSection: devel\nInstalled-Size: 100\n\n";
    std::string list;
    for (int f = 0; f < 40; ++f) {
      std::string path = "usr/include/" + name + "/h" + std::to_string(f) + ".h";
      apt.entries.push_back(file_entry(path, blob(4096)));
      list += "/" + path + "\n";
    }
    apt.entries.push_back(file_entry("var/lib/dpkg/info/" + name + ".list", list));
  }
  apt.entries.push_back(file_entry("var/lib/dpkg/status", status));
  for (int f = 0; f < 20; ++f) apt.entries.push_back(file_entry("var/lib/apt/lists/l" + std::to_string(f), blob(65536)));
  img.layers.push_back(std::move(apt));

  // Layer 2: pip install: 250 distributions, 16,000 files, a pip cache.
  WriteLayer pip;
  pip.created_by = "/bin/sh -c pip install -r requirements.txt";
  const std::string site = "usr/local/lib/python3.11/site-packages/";
  for (int d = 0; d < 250; ++d) {
    std::string name = "dist" + std::to_string(d);
    std::string record;
    for (int f = 0; f < 64; ++f) {
      std::string rel = name + "/" + (f % 8 == 0 ? "tests/" : "") + "m" + std::to_string(f) + ".py";
      std::string body = blob(4096);
      record += rel + ",sha256=x," + std::to_string(body.size()) + "\n";
      pip.entries.push_back(file_entry(site + rel, std::move(body)));
    }
    pip.entries.push_back(file_entry(site + name + "-1.0.dist-info/METADATA", "Name: " + name + "\nVersion: 1.0\n"));
    pip.entries.push_back(file_entry(site + name + "-1.0.dist-info/RECORD", record));
  }
  for (int f = 0; f < 500; ++f) pip.entries.push_back(file_entry("root/.cache/pip/http/c" + std::to_string(f), blob(8192)));
  img.layers.push_back(std::move(pip));

  // Layer 3: npm ci: 400 packages, 12,000 files; conda env with 50 packages.
  WriteLayer npm;
  npm.created_by = "/bin/sh -c npm ci && conda install -y x";
  for (int p = 0; p < 400; ++p) {
    std::string dir = "app/node_modules/n" + std::to_string(p) + "/";
    npm.entries.push_back(file_entry(dir + "package.json", "{\"name\":\"n" + std::to_string(p) + "\",\"version\":\"1.0.0\"}"));
    for (int f = 0; f < 30; ++f) npm.entries.push_back(file_entry(dir + "lib/f" + std::to_string(f) + ".js", blob(2048)));
  }
  for (int p = 0; p < 50; ++p) {
    std::string name = "c" + std::to_string(p);
    std::string files = "[";
    for (int f = 0; f < 20; ++f) {
      std::string rel = "lib/" + name + "/f" + std::to_string(f);
      npm.entries.push_back(file_entry("opt/conda/" + rel, blob(4096)));
      files += (f ? ",\"" : "\"") + rel + "\"";
    }
    npm.entries.push_back(file_entry("opt/conda/conda-meta/" + name + "-1.0-0.json",
                                     "{\"name\":\"" + name + "\",\"version\":\"1.0\",\"files\":" + files + "]}"));
  }
  img.layers.push_back(std::move(npm));

  // Layer 4: COPY the app; remove the apt lists and a few packages' docs.
  WriteLayer app;
  app.created_by = "COPY . /app # buildkit";
  for (int f = 0; f < 3000; ++f) app.entries.push_back(file_entry("app/src/s" + std::to_string(f) + ".py", blob(2048)));
  app.entries.push_back(whiteout_entry("var/lib/apt/lists"));
  for (int p = 0; p < 50; ++p) app.entries.push_back(whiteout_entry("usr/share/doc/pkg" + std::to_string(p)));
  img.layers.push_back(std::move(app));

  if (gzip)
    for (auto& l : img.layers) l.compression = Compression::kGzip;
  std::size_t n = 0;
  for (const auto& l : img.layers) n += l.entries.size();
  if (gzip)
    write_oci_archive({img}, argv[1]);  // docker-archive layers are always uncompressed
  else
    write_docker_archive({img}, argv[1]);
  std::printf("%s: %zu entries in %zu layers\n", argv[1], n, img.layers.size());
  return 0;
}
