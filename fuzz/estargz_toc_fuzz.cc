// The eStargz table of contents (image/estargz_toc.h): the input is the TOC
// JSON (stargz.index.json). Each run wraps it as a real producer would: a
// data member with a few files' contents first, then the TOC in its own
// gzip member as a tar entry, then the 51-byte footer pointing at it
// (docs/estargz.md "Footer"), with the TOC digest annotation matching, so
// the reader gets past its checks to the JSON and to the chunk offsets the
// JSON names (contents of captured files are read through them).
#include "fuzz_input.h"
#include "image/byte_source.h"
#include "image/estargz_toc.h"
#include "util/sha256.h"
#include "writer/compress.h"
#include "writer/estargz_writer.h"
#include "writer/image_writer.h"
#include "writer/tar_writer.h"

namespace {

using namespace ballast;

const std::string& data_member() {
  static const std::string member = [] {
    writer::WriteLayer layer;
    layer.entries = {writer::dir_entry("etc"), writer::file_entry("etc/a", "hello\n"),
                     writer::file_entry("etc/b", std::string(3000, 'b'))};
    return writer::compress(writer::layer_tar(layer), image::Compression::kGzip);
  }();
  return member;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string toc(fuzz::as_text(data, size));
  writer::TarWriter tar;
  writer::TarHeader h;
  h.name = image::kTocName;
  h.type = 0100000;  // AE_IFREG
  h.size = toc.size();
  std::string toc_tar = tar.entry(h, toc) + tar.close();
  std::string blob = data_member();
  const std::uint64_t toc_offset = blob.size();
  blob += writer::compress(toc_tar, image::Compression::kGzip);
  blob += writer::estargz_footer(toc_offset);

  image::TocReadOptions options;
  options.toc_digest = "sha256:" + sha256_hex(toc);
  options.capture = [](std::string_view, std::uint64_t size) { return size < 8192; };
  std::string why;
  fuzz::expect_clean([&] {
    image::read_estargz_layer(image::memory_source(std::move(blob), "layer.estargz"), options, &why);
  });
  return 0;
}
