#include "writer/compress.h"

#include <isa-l/igzip_lib.h>
#include <zstd.h>

#include <memory>
#include <stdexcept>

namespace ballast::writer {
namespace {

std::string gzip(const std::string& data) {
  isal_zstream stream;
  isal_deflate_init(&stream);
  // Level 1 with its working buffer: ISA-L's usual speed/ratio point.
  std::unique_ptr<unsigned char[]> level_buf(new unsigned char[ISAL_DEF_LVL1_DEFAULT]);
  stream.level = 1;
  stream.level_buf = level_buf.get();
  stream.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
  stream.gzip_flag = IGZIP_GZIP;
  stream.end_of_stream = 1;
  stream.flush = NO_FLUSH;
  std::string out;
  out.resize(data.size() + data.size() / 2 + 1024);
  stream.next_in = reinterpret_cast<unsigned char*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<std::uint32_t>(data.size());
  std::size_t produced = 0;
  do {
    if (produced == out.size()) out.resize(out.size() * 2);
    stream.next_out = reinterpret_cast<unsigned char*>(out.data()) + produced;
    stream.avail_out = static_cast<std::uint32_t>(out.size() - produced);
    if (isal_deflate(&stream) != COMP_OK) throw std::runtime_error("isal_deflate failed");
    produced = out.size() - stream.avail_out;
  } while (stream.internal_state.state != ZSTATE_END);
  out.resize(produced);
  return out;
}

std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  // With a content checksum, corruption is caught by the decoder itself, not
  // only by the blob digest (which --no-verify skips).
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, 3);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
  std::size_t n = ZSTD_compress2(cctx.get(), out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(n)) throw std::runtime_error(ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

}  // namespace

std::string compress(const std::string& data, image::Compression compression) {
  using image::Compression;
  switch (compression) {
    case Compression::kNone: return data;
    case Compression::kGzip: return gzip(data);
    case Compression::kZstd: return zstd(data);
  }
  return data;
}

}  // namespace ballast::writer
