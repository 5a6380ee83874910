// The whiteout/merge logic (analysis/merged_fs.h) and everything after it:
// the input describes up to 8 layers of entries over a small alphabet of
// names, so whiteouts, opaque markers, hardlinks, symlinks and file <-> dir
// flips keep hitting the same paths. The layers are written as a real
// docker-archive (or, with gzip layers, an oci-archive) and run through analysis::analyze() (parallel layer reads,
// merge, duplicate hashing, attribution and findings), as `ballast analyze`
// does.
#include <unistd.h>

#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "fuzz_input.h"
#include "writer/image_writer.h"

namespace {

using namespace ballast;
using writer::WriteEntry;

// Names chosen to collide; "var/lib/dpkg" and "usr/lib/python3" make the
// package readers look at what the fuzzer writes.
const char* const kNames[] = {"a", "b", "a/b", "a/b/c", "b/a", "etc", "etc/x", "var/lib/dpkg/status",
                              "usr/lib/python3/dist-packages/p-1.0.dist-info/RECORD", "lib/apk/db/installed",
                              "a/.wh.b", ".wh.a", "a/b/../c", "./a", "/etc/x", "x/y/z/w"};
constexpr unsigned kNameCount = sizeof(kNames) / sizeof(kNames[0]);

struct Reader {
  const std::uint8_t* p;
  std::size_t n;
  bool empty() const { return n == 0; }
  std::uint8_t byte() {
    if (!n) return 0;
    --n;
    return *p++;
  }
  std::string bytes(std::size_t k) {
    k = std::min(k, n);
    std::string s(reinterpret_cast<const char*>(p), k);
    p += k;
    n -= k;
    return s;
  }
};

WriteEntry entry_from(Reader& in) {
  const std::uint8_t op = in.byte();
  const std::string path = kNames[in.byte() % kNameCount];
  const std::string other = kNames[in.byte() % kNameCount];
  switch (op % 8) {
    case 0:
    case 1: return writer::file_entry(path, in.bytes(in.byte() % 64), 0644 | (op & 0x80 ? 0111 : 0));
    case 2: return writer::dir_entry(path);
    case 3: return writer::symlink_entry(path, other);
    case 4: return writer::hardlink_entry(path, other);
    case 5: return writer::whiteout_entry(path);
    case 6: return writer::opaque_entry(path);
    default: {
      // Same contents again: duplicates and same-content rewrites.
      return writer::file_entry(path, std::string(2048, static_cast<char>('a' + op % 3)));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Reader in{data, size};
  writer::WriteImage image;
  const unsigned layers = 1 + in.byte() % 8;
  const bool gzip = in.byte() & 1;
  for (unsigned l = 0; l < layers && !in.empty(); ++l) {
    writer::WriteLayer layer;
    layer.created_by = "RUN layer " + std::to_string(l);
    layer.compression = gzip && l % 2 ? writer::Compression::kGzip : writer::Compression::kNone;
    const unsigned count = in.byte() % 16;
    for (unsigned i = 0; i < count && !in.empty(); ++i) layer.entries.push_back(entry_from(in));
    image.layers.push_back(std::move(layer));
  }
  if (image.layers.empty()) return 0;
  // docker-archive layers are uncompressed by definition: compressed ones go in an oci-archive.
  static const std::string path = "/tmp/ballast-merge-fuzz-" + std::to_string(getpid()) + ".tar";
  analysis::AnalyzeRequest request;
  if (gzip) {
    writer::write_oci_archive({image}, path);
    request.image = "oci-archive:" + path;
  } else {
    writer::write_docker_archive({image}, path);
    request.image = path;
  }
  request.threads = 2;
  fuzz::expect_clean([&] { analysis::analyze(request); });
  return 0;
}
