#include "util/byte_size.h"

#include <gtest/gtest.h>

namespace ballast {
namespace {

// Expected values computed by hand: SI = 1000^n, IEC = 1024^n.
TEST(ByteSize, PlainNumberIsBytes) {
  EXPECT_EQ(parse_byte_size("0"), 0u);
  EXPECT_EQ(parse_byte_size("123"), 123u);
  EXPECT_EQ(parse_byte_size("123B"), 123u);
}
TEST(ByteSize, SiUnits) {
  EXPECT_EQ(parse_byte_size("20MB"), 20'000'000u);
  EXPECT_EQ(parse_byte_size("20 mb"), 20'000'000u);
  EXPECT_EQ(parse_byte_size("1kB"), 1000u);
  EXPECT_EQ(parse_byte_size("3G"), 3'000'000'000u);
  EXPECT_EQ(parse_byte_size("2TB"), 2'000'000'000'000u);
  EXPECT_EQ(parse_byte_size("1PB"), 1'000'000'000'000'000u);
}
TEST(ByteSize, IecUnits) {
  EXPECT_EQ(parse_byte_size("1KiB"), 1024u);
  EXPECT_EQ(parse_byte_size("20MiB"), 20u * 1048576u);
  EXPECT_EQ(parse_byte_size("1.5GiB"), 1'610'612'736u);  // 1.5 * 1073741824
  EXPECT_EQ(parse_byte_size("1Ti"), 1'099'511'627'776u);
}
TEST(ByteSize, FractionsAreExactAndFloored) {
  EXPECT_EQ(parse_byte_size("1.5GB"), 1'500'000'000u);
  EXPECT_EQ(parse_byte_size("0.1KiB"), 102u);  // 102.4
  EXPECT_EQ(parse_byte_size(".5MB"), 500'000u);
  EXPECT_EQ(parse_byte_size("2.999B"), 2u);
  // 0.1 is not exact in binary floating point: 0.3 MB must still be 300000.
  EXPECT_EQ(parse_byte_size("0.3MB"), 300'000u);
}
TEST(ByteSize, Rejects) {
  for (const char* bad : {"", "MB", "-1MB", "1.2.3MB", "12 parsecs", "1e3", "1,000", ".", "1 EB", "1 XB"})
    EXPECT_FALSE(parse_byte_size(bad).has_value()) << bad;
  EXPECT_FALSE(parse_byte_size("18446744073709551616").has_value());  // 2^64
  EXPECT_FALSE(parse_byte_size("20000PB").has_value());
  EXPECT_EQ(parse_byte_size("18446744073709551615"), UINT64_MAX);
}

// go-humanize ParseBytes semantics (the behaviour dive's highestWastedBytes
// gets): values worked out from its table and float64 arithmetic.
TEST(HumanizeBytes, TableAndCase) {
  EXPECT_EQ(parse_humanize_bytes("42"), 42u);
  EXPECT_EQ(parse_humanize_bytes("42 MB"), 42'000'000u);
  EXPECT_EQ(parse_humanize_bytes("42mib"), 42u * 1048576u);
  EXPECT_EQ(parse_humanize_bytes("42 KiB"), 43008u);
  EXPECT_EQ(parse_humanize_bytes("1 EiB"), 1152921504606846976u);
  EXPECT_EQ(parse_humanize_bytes("20MB "), 20'000'000u);  // the unit part is trimmed
}
TEST(HumanizeBytes, CommasAreDropped) {
  EXPECT_EQ(parse_humanize_bytes("1,000kb"), 1'000'000u);
  EXPECT_EQ(parse_humanize_bytes("1,5"), 15u);
}
TEST(HumanizeBytes, FloatTruncation) {
  EXPECT_EQ(parse_humanize_bytes("1.5GiB"), 1'610'612'736u);
  EXPECT_EQ(parse_humanize_bytes("0.1KiB"), 102u);  // 102.4 truncated
  EXPECT_EQ(parse_humanize_bytes(".5k"), 500u);
}
TEST(HumanizeBytes, Errors) {
  // ParseFloat fails on an empty or doubly-dotted number; an unknown suffix
  // ("1e3": "e3") is "unhandled size name"; a leading space leaves no digits.
  for (const char* bad : {"", "MB", " 5MB", "1.2.3", "1e3", "5 parsecs", "-5", "disabled"})
    EXPECT_FALSE(parse_humanize_bytes(bad).has_value()) << bad;
  EXPECT_FALSE(parse_humanize_bytes("16EiB").has_value());  // 2^64: too large
}

}  // namespace
}  // namespace ballast
