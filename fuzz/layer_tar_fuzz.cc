// The layer tar reader (image/layer_reader.h) on one blob: plain tar (the
// seek path), gzip or zstd (sniffed; the stream path), with files captured
// as package databases are.
#include "fuzz_input.h"
#include "image/byte_source.h"
#include "image/layer_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  if (size == 0) return 0;
  // The first byte picks the read options, the rest is the blob.
  const std::uint8_t mode = data[0];
  auto blob = image::memory_source(std::string(fuzz::as_text(data + 1, size - 1)), "layer.tar");
  image::LayerReadOptions options;
  options.hash_contents = mode & 1;
  // Any digest forces the streaming read (and its check) even for a plain tar.
  if (mode & 2) options.expected_digest = "sha256:" + std::string(64, '0');
  if (mode & 4) options.capture = [](std::string_view, std::uint64_t size) { return size < 4096; };
  fuzz::expect_clean([&] { image::read_layer(blob, options); });
  return 0;
}
