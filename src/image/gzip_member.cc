#include "image/gzip_member.h"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <memory>

#include "util/error.h"

namespace ballast::image {
namespace {

constexpr std::size_t kInBlock = 64 * 1024;
constexpr std::size_t kOutBlock = 256 * 1024;

// One gzip member inflated step by step from a byte range of the blob.
class MemberInflater {
 public:
  MemberInflater(const ByteSource& blob, std::uint64_t offset, std::uint64_t end)
      : blob_(blob), pos_(offset), end_(end), in_(new unsigned char[kInBlock]),
        out_(new unsigned char[kOutBlock]) {
    if (offset >= end || end > blob.size())
      throw InputError(where() + ": gzip member outside the blob");
    isal_inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;  // parse the gzip header, check CRC32 and ISIZE
  }

  // Next inflated block; empty once the member has ended.
  std::pair<const unsigned char*, std::size_t> next() {
    while (state_.block_state != ISAL_BLOCK_FINISH) {
      if (state_.avail_in == 0) {
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(kInBlock, end_ - pos_));
        if (want == 0) throw InputError(where() + ": truncated gzip member");
        std::size_t got = blob_.read_at(pos_, in_.get(), want);
        if (got == 0) throw InputError(where() + ": truncated gzip member");
        pos_ += got;
        state_.next_in = in_.get();
        state_.avail_in = static_cast<std::uint32_t>(got);
      }
      state_.next_out = out_.get();
      state_.avail_out = static_cast<std::uint32_t>(kOutBlock);
      int rc = isal_inflate(&state_);
      if (rc < 0) throw InputError(where() + ": corrupt gzip member (error " + std::to_string(rc) + ")");
      std::size_t produced = kOutBlock - state_.avail_out;
      if (produced > 0) return {out_.get(), produced};
    }
    return {nullptr, 0};
  }

  // Compressed bytes not consumed by the member (0 when it ends exactly at end).
  std::uint64_t unconsumed() const { return (end_ - pos_) + state_.avail_in; }

  std::string where() const { return blob_.name() + " at offset " + std::to_string(start_); }

 private:
  const ByteSource& blob_;
  std::uint64_t pos_;
  std::uint64_t start_ = pos_;
  std::uint64_t end_;
  std::unique_ptr<unsigned char[]> in_;
  std::unique_ptr<unsigned char[]> out_;
  inflate_state state_{};
};

}  // namespace

void inflate_member_range(const ByteSource& blob, std::uint64_t offset, std::uint64_t end,
                          std::uint64_t skip, std::uint64_t length,
                          const std::function<void(const void*, std::size_t)>& sink) {
  if (length == 0) return;
  MemberInflater m(blob, offset, end);
  while (length > 0) {
    auto [p, n] = m.next();
    if (n == 0) throw InputError(m.where() + ": gzip member shorter than the table of contents says");
    std::size_t dropped = static_cast<std::size_t>(std::min<std::uint64_t>(skip, n));
    skip -= dropped;
    std::size_t use = static_cast<std::size_t>(std::min<std::uint64_t>(length, n - dropped));
    if (use > 0) sink(p + dropped, use);
    length -= use;
  }
}

std::string inflate_whole_member(const ByteSource& blob, std::uint64_t offset, std::uint64_t end,
                                 std::size_t max_bytes) {
  MemberInflater m(blob, offset, end);
  std::string out;
  // The trailer's ISIZE (RFC 1952) says how much to expect: reserve it once.
  unsigned char isize[4];
  if (end - offset >= 18 && blob.read_at(end - 4, isize, 4) == 4)
    out.reserve(std::min<std::size_t>(max_bytes, std::size_t{isize[0]} | std::size_t{isize[1]} << 8 |
                                                     std::size_t{isize[2]} << 16 | std::size_t{isize[3]} << 24));
  for (;;) {
    auto [p, n] = m.next();
    if (n == 0) break;
    if (n > max_bytes - out.size()) throw InputError(m.where() + ": gzip member inflates to too much");
    out.append(reinterpret_cast<const char*>(p), n);
  }
  if (m.unconsumed() != 0) throw InputError(m.where() + ": gzip member does not end where expected");
  return out;
}

}  // namespace ballast::image
