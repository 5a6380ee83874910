// Entries survive a round trip exactly, and every kind of damage is refused:
// each truncation length, each flipped byte, another format, another key.
#include <gtest/gtest.h>

#include <cstring>

#include "cache/entry_codec.h"

namespace ballast::cache {
namespace {

using image::EntryType;
using image::LayerReadResult;
using image::TarEntry;

LayerReadResult sample() {
  LayerReadResult r;
  r.compression = image::Compression::kGzip;
  r.tar_size = 123456;
  r.verified = true;
  r.method = image::ReadMethod::kStream;
  auto& t = r.table;
  auto add = [&](std::string_view path, EntryType type, std::uint64_t size, std::uint64_t hash, std::string_view link = "") {
    TarEntry e;
    e.path_offset = t.add_string(path);
    e.path_length = static_cast<std::uint32_t>(path.size());
    if (!link.empty()) {
      e.link_offset = t.add_string(link);
      e.link_length = static_cast<std::uint32_t>(link.size());
    }
    e.type = type;
    e.size = size;
    e.content_hash = hash;
    e.has_hash = hash != 0;
    e.mode = 0644;
    e.uid = 1000;
    e.gid = 50;
    e.data_offset = 512;
    t.entries().push_back(e);
  };
  add("etc/os-release", EntryType::kFile, 20, 0xdeadbeefcafef00d);
  add("usr/bin", EntryType::kDirectory, 0, 0);
  add("bin", EntryType::kSymlink, 0, 0, "usr/bin");
  add("usr/lib/x", EntryType::kWhiteout, 0, 0);
  r.captured.emplace_back(0, "ID=debian\nVERSION_ID=12\n");
  return r;
}

TEST(EntryCodec, RoundTripKeepsEveryField) {
  LayerReadResult in = sample();
  std::string bytes = encode_entry("key-1", in);
  std::string why;
  auto out = decode_entry(bytes, "key-1", &why);
  ASSERT_TRUE(out) << why;
  EXPECT_EQ(out->compression, in.compression);
  EXPECT_EQ(out->tar_size, in.tar_size);
  EXPECT_EQ(out->verified, in.verified);
  EXPECT_EQ(out->seeked, in.seeked);
  EXPECT_EQ(out->method, in.method);
  ASSERT_EQ(out->table.entries().size(), in.table.entries().size());
  for (std::size_t i = 0; i < in.table.entries().size(); ++i) {
    const TarEntry& a = in.table.entries()[i];
    const TarEntry& b = out->table.entries()[i];
    EXPECT_EQ(in.table.path(a), out->table.path(b));
    EXPECT_EQ(in.table.link(a), out->table.link(b));
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.size, b.size);
    EXPECT_EQ(a.content_hash, b.content_hash);
    EXPECT_EQ(a.has_hash, b.has_hash);
    EXPECT_EQ(a.mode, b.mode);
    EXPECT_EQ(a.uid, b.uid);
    EXPECT_EQ(a.gid, b.gid);
    EXPECT_EQ(a.data_offset, b.data_offset);
  }
  ASSERT_EQ(out->captured.size(), 1u);
  EXPECT_EQ(out->captured[0].first, 0u);
  EXPECT_EQ(out->captured[0].second, "ID=debian\nVERSION_ID=12\n");
  // The same input encodes to the same bytes (no padding or uninitialised memory).
  EXPECT_EQ(encode_entry("key-1", sample()), bytes);
}

TEST(EntryCodec, EveryTruncationIsRefused) {
  std::string bytes = encode_entry("key-1", sample());
  std::string why;
  ASSERT_TRUE(decode_entry(bytes, "key-1", &why)) << "positive control";
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(decode_entry(std::string_view(bytes).substr(0, n), "key-1", &why)) << n;
  EXPECT_FALSE(decode_entry(bytes + "x", "key-1", &why));
}

TEST(EntryCodec, EveryFlippedByteIsRefused) {
  const std::string bytes = encode_entry("key-1", sample());
  std::string why;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x10);
    EXPECT_FALSE(decode_entry(damaged, "key-1", &why)) << "byte " << i;
  }
}

TEST(EntryCodec, AnotherKeyOrFormatIsNotUsed) {
  std::string bytes = encode_entry("key-1", sample());
  std::string why;
  bool old = true;
  EXPECT_FALSE(decode_entry(bytes, "key-2", &why, &old));
  EXPECT_EQ(why, "entry holds another layer");
  EXPECT_FALSE(old);
  // The format number follows the 8-byte magic.
  std::uint32_t other = kEntryFormat + 1;
  std::memcpy(bytes.data() + 8, &other, sizeof other);
  EXPECT_FALSE(decode_entry(bytes, "key-1", &why, &old));
  EXPECT_TRUE(old);
}

// A checksum-valid entry whose records are out of range (a writer's bug,
// not damage in transit) is refused by the record checks themselves.
TEST(EntryCodec, RecordsOutOfRangeAreRefused) {
  std::string why;
  LayerReadResult bad_type = sample();
  bad_type.table.entries()[2].type = static_cast<EntryType>(200);
  EXPECT_FALSE(decode_entry(encode_entry("key-1", bad_type), "key-1", &why));
  EXPECT_EQ(why, "bad entry record");
  LayerReadResult bad_name = sample();
  bad_name.table.entries()[3].path_length = 1000;  // past the end of the name table
  EXPECT_FALSE(decode_entry(encode_entry("key-1", bad_name), "key-1", &why));
  EXPECT_EQ(why, "name outside the name table");
  LayerReadResult bad_capture = sample();
  bad_capture.captured[0].first = 4;  // there are 4 records: 0..3
  EXPECT_FALSE(decode_entry(encode_entry("key-1", bad_capture), "key-1", &why));
  EXPECT_EQ(why, "bad captured file");
}

}  // namespace
}  // namespace ballast::cache
