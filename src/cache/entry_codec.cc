#include "cache/entry_codec.h"

#include <xxhash.h>

#include <cstring>
#include <type_traits>

namespace ballast::cache {
namespace {

using image::EntryType;
using image::LayerReadResult;
using image::TarEntry;

constexpr std::string_view kMagic = "BALLASTL";
constexpr std::uint32_t kByteOrder = 0x01020304;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

template <typename T>
void put(std::string& out, T v) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_bytes(std::string& out, std::string_view s) {
  put<std::uint64_t>(out, s.size());
  out.append(s);
}

// Reads fixed-size values off the front of `rest`; any read past its end
// makes ok() false and every later read a zero.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  template <typename T>
  T get() {
    T v{};
    if (rest_.size() < sizeof v) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, rest_.data(), sizeof v);
    rest_.remove_prefix(sizeof v);
    return v;
  }
  std::string_view bytes(std::uint64_t n) {
    if (rest_.size() < n) {
      ok_ = false;
      return {};
    }
    std::string_view v = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return v;
  }
  std::string_view sized() { return bytes(get<std::uint64_t>()); }
  bool ok() const { return ok_; }
  std::size_t left() const { return rest_.size(); }

 private:
  std::string_view rest_;
  bool ok_ = true;
};

// Each record written field by field: no padding bytes reach the file.
constexpr std::size_t kRecordSize = 4 * 4 + 8 * 3 + 4 * 3 + 1 + 1;

void put_record(std::string& out, const TarEntry& e) {
  put(out, e.path_offset);
  put(out, e.path_length);
  put(out, e.link_offset);
  put(out, e.link_length);
  put(out, e.size);
  put(out, e.data_offset);
  put(out, e.content_hash);
  put(out, e.mode);
  put(out, e.uid);
  put(out, e.gid);
  put(out, static_cast<std::uint8_t>(e.type));
  put(out, static_cast<std::uint8_t>(e.has_hash));
}

bool fits(std::uint64_t offset, std::uint64_t length, std::uint64_t size) {
  return offset <= size && length <= size - offset;
}

std::string payload_of(const LayerReadResult& r) {
  std::string out;
  const auto& entries = r.table.entries();
  std::size_t captured = 0;
  for (const auto& [index, text] : r.captured) captured += 12 + text.size();
  out.reserve(64 + r.table.arena().size() + entries.size() * kRecordSize + captured);
  put(out, static_cast<std::uint8_t>(r.compression));
  put(out, static_cast<std::uint8_t>(r.seeked));
  put(out, static_cast<std::uint8_t>(r.verified));
  put(out, static_cast<std::uint8_t>(r.method));
  put<std::uint64_t>(out, r.tar_size);
  put_bytes(out, r.table.arena());
  put<std::uint64_t>(out, entries.size());
  for (const TarEntry& e : entries) put_record(out, e);
  put<std::uint64_t>(out, r.captured.size());
  for (const auto& [index, text] : r.captured) {
    put(out, index);
    put_bytes(out, text);
  }
  return out;
}

}  // namespace

std::string encode_entry(std::string_view key, const LayerReadResult& result) {
  std::string payload = payload_of(result);
  std::string out;
  out.reserve(kHeaderSize + 4 + key.size() + payload.size());
  out.append(kMagic);
  put(out, kEntryFormat);
  put(out, kByteOrder);
  put<std::uint64_t>(out, payload.size());
  put<std::uint64_t>(out, XXH3_64bits(payload.data(), payload.size()));
  put(out, static_cast<std::uint32_t>(key.size()));
  out.append(key);
  out.append(payload);
  return out;
}

std::optional<LayerReadResult> decode_entry(std::string_view bytes, std::string_view key, std::string* why,
                                            bool* old_format) {
  auto fail = [&](const char* what) -> std::optional<LayerReadResult> {
    *why = what;
    return std::nullopt;
  };
  if (old_format) *old_format = false;
  Reader in(bytes);
  if (in.bytes(kMagic.size()) != kMagic) return fail("not a ballast cache entry");
  std::uint32_t format = in.get<std::uint32_t>();
  std::uint32_t order = in.get<std::uint32_t>();
  if (!in.ok()) return fail("truncated header");
  if (format != kEntryFormat || order != kByteOrder) {
    if (old_format) *old_format = true;
    return fail("entry of another format");
  }
  std::uint64_t payload_size = in.get<std::uint64_t>();
  std::uint64_t checksum = in.get<std::uint64_t>();
  std::string_view stored_key = in.bytes(in.get<std::uint32_t>());
  if (!in.ok()) return fail("truncated header");
  if (stored_key != key) return fail("entry holds another layer");
  if (in.left() != payload_size) return fail(in.left() < payload_size ? "truncated" : "trailing bytes");
  std::string_view payload = in.bytes(payload_size);
  if (XXH3_64bits(payload.data(), payload.size()) != checksum) return fail("checksum mismatch");

  Reader p(payload);
  LayerReadResult r;
  auto compression = p.get<std::uint8_t>();
  auto seeked = p.get<std::uint8_t>();
  auto verified = p.get<std::uint8_t>();
  auto method = p.get<std::uint8_t>();
  if (compression > static_cast<std::uint8_t>(image::Compression::kZstd) || seeked > 1 || verified > 1 ||
      method > static_cast<std::uint8_t>(image::ReadMethod::kToc))
    return fail("bad flags");
  r.compression = static_cast<image::Compression>(compression);
  r.seeked = seeked;
  r.verified = verified;
  r.method = static_cast<image::ReadMethod>(method);
  r.tar_size = p.get<std::uint64_t>();
  std::string arena(p.sized());
  std::uint64_t count = p.get<std::uint64_t>();
  if (!p.ok() || count > p.left() / kRecordSize) return fail("bad entry count");
  std::vector<TarEntry> entries(static_cast<std::size_t>(count));
  // The records' bytes were checked to be there as a whole (count above):
  // each record is read from a plain pointer, with no check per field.
  const char* at = p.bytes(count * kRecordSize).data();
  auto take = [&at]<typename T>(T& v) {
    std::memcpy(&v, at, sizeof v);
    at += sizeof v;
  };
  for (TarEntry& e : entries) {
    take(e.path_offset);
    take(e.path_length);
    take(e.link_offset);
    take(e.link_length);
    take(e.size);
    take(e.data_offset);
    take(e.content_hash);
    take(e.mode);
    take(e.uid);
    take(e.gid);
    std::uint8_t type = 0, has_hash = 0;
    take(type);
    take(has_hash);
    if (type > static_cast<std::uint8_t>(EntryType::kOpaque) || has_hash > 1) return fail("bad entry record");
    e.type = static_cast<EntryType>(type);
    e.has_hash = has_hash;
    if (!fits(e.path_offset, e.path_length, arena.size()) || !fits(e.link_offset, e.link_length, arena.size()))
      return fail("name outside the name table");
  }
  std::uint64_t captured = p.get<std::uint64_t>();
  if (!p.ok() || captured > p.left() / 12) return fail("bad captured count");
  r.captured.reserve(static_cast<std::size_t>(captured));
  for (std::uint64_t i = 0; i < captured; ++i) {
    auto index = p.get<std::uint32_t>();
    std::string_view text = p.sized();
    if (!p.ok() || index >= count) return fail("bad captured file");
    r.captured.emplace_back(index, std::string(text));
  }
  if (!p.ok()) return fail("truncated payload");
  if (p.left() != 0) return fail("trailing payload bytes");
  r.table = image::LayerTable::from_parts(std::move(arena), std::move(entries));
  return r;
}

}  // namespace ballast::cache
