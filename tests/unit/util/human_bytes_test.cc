#include "util/human_bytes.h"

#include <gtest/gtest.h>

namespace ballast {
namespace {

// Expected strings follow `docker history`/`docker images` (SI units).
TEST(HumanBytes, SmallCountsAreExact) { EXPECT_EQ(human_bytes(999), "999 B"); }
TEST(HumanBytes, KilobytesUseSiUnits) { EXPECT_EQ(human_bytes(102400), "102 kB"); }
TEST(HumanBytes, TwoDecimalsBelowTen) { EXPECT_EQ(human_bytes(1'980'000), "1.98 MB"); }
TEST(HumanBytes, OneDecimalBelowHundred) { EXPECT_EQ(human_bytes(15'500'000'000ULL), "15.5 GB"); }
TEST(HumanBytes, ExactFlag) { EXPECT_EQ(format_bytes(1'980'000, true), "1980000"); }

}  // namespace
}  // namespace ballast
