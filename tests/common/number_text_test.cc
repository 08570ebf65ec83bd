// tests/common/number_text_test.cc — numbers from untrusted text: whole numbers or nothing.
#include "common/number_text.h"

#include <gtest/gtest.h>

namespace autocomp {
namespace {

TEST(NumberTextTest, WholeNumbersOnly) {
  EXPECT_EQ(ParseNumber<int>("42"), 42);
  EXPECT_EQ(ParseNumber<int>("-3"), -3);
  EXPECT_EQ(ParseNumber<double>("2.5"), 2.5);
  EXPECT_EQ(ParseNumber<uint64_t>("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(ParseNumber<int>(""));
  EXPECT_FALSE(ParseNumber<int>("4x"));
  EXPECT_FALSE(ParseNumber<int>(" 4"));
  EXPECT_FALSE(ParseNumber<int>("99999999999")) << "out of range is not a number of that type";
  EXPECT_FALSE(ParseNumber<uint64_t>("-1"));
  EXPECT_FALSE(ParseNumber<double>("abc"));
}

}  // namespace
}  // namespace autocomp
