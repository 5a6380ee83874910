// Writes the eStargz benchmark image (bench/estargz/run.sh): one OCI layout
// whose single layer is eStargz, built from a real directory tree of this
// machine (the first MAX_ENTRIES entries in path order), with the toc.digest
// and uncompressed-size annotations real producers write.
//
//   make_estargz_bench_image OUT_DIR ROOT SUBDIR [MAX_ENTRIES]
#include <sys/stat.h>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "writer/estargz_writer.h"

namespace fs = std::filesystem;
using namespace ballast::writer;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: make_estargz_bench_image OUT_DIR ROOT SUBDIR [MAX_ENTRIES]\n";
    return 2;
  }
  std::setlocale(LC_ALL, "C.UTF-8");  // pax names are UTF-8; /usr/share has non-ASCII ones
  const fs::path root = argv[2];
  const std::size_t max_entries = argc > 4 ? std::stoul(argv[4]) : 50000;
  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(root / argv[3], fs::directory_options::skip_permission_denied);
       it != fs::recursive_directory_iterator(); ++it)
    paths.push_back(it->path());
  std::sort(paths.begin(), paths.end());
  if (paths.size() > max_entries) paths.resize(max_entries);
  EstargzWriteLayer layer;
  layer.created_by = std::string("COPY ") + argv[3] + " /";
  std::size_t files = 0;
  for (const auto& p : paths) {
    std::string rel = fs::relative(p, root).string();
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0) continue;
    std::uint32_t mode = st.st_mode & 07777;
    if (S_ISDIR(st.st_mode)) {
      layer.entries.push_back(dir_entry(rel, mode));
    } else if (S_ISLNK(st.st_mode)) {
      layer.entries.push_back(symlink_entry(rel, fs::read_symlink(p).string()));
    } else if (S_ISREG(st.st_mode)) {
      std::ifstream in(p, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), {});
      layer.entries.push_back(file_entry(rel, std::move(bytes), mode));
      ++files;
    }
  }
  write_estargz_oci_layout({layer}, argv[1], "estargz-bench");
  std::cerr << "wrote " << layer.entries.size() << " entries (" << files << " files) to " << argv[1] << "\n";
  return 0;
}
