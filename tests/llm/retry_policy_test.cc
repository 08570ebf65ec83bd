// tests/llm/retry_policy_test.cc
#include "master/llm/retry_policy.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

namespace autocomp {
namespace {

TEST(RetryPolicyTest, ParseRetryAfter) {
  EXPECT_EQ(ParseRetryAfter("", "", 0), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("7", "", 0), 7.0);
  EXPECT_EQ(ParseRetryAfter(" 1.5 ", "", 0), 1.5);
  EXPECT_EQ(ParseRetryAfter("7", "250", 0), 0.25);  // retry-after-ms wins
  EXPECT_EQ(ParseRetryAfter("soon", "", 0), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-3", "", 0), std::nullopt);
  // HTTP-date: 1445412480 is Wed, 21 Oct 2015 07:28:00 GMT.
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", "", 1445412470), 10.0);
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", "", 1445412490), 0.0);
}

TEST(RetryPolicyTest, WhatIsRetried) {
  for (int s : {408, 409, 429, 500, 502, 503, 504, 529}) EXPECT_TRUE(IsRetryableHttpStatus(s, "")) << s;
  for (int s : {400, 401, 403, 404, 413, 422}) EXPECT_FALSE(IsRetryableHttpStatus(s, "")) << s;
  EXPECT_FALSE(IsRetryableHttpStatus(429, "insufficient_quota"));
  EXPECT_TRUE(IsRetryableCurlCode(CURLE_OPERATION_TIMEDOUT));
  EXPECT_TRUE(IsRetryableCurlCode(CURLE_COULDNT_CONNECT));
  EXPECT_TRUE(IsRetryableCurlCode(CURLE_PARTIAL_FILE));
  EXPECT_TRUE(IsRetryableCurlCode(CURLE_GOT_NOTHING));
  EXPECT_FALSE(IsRetryableCurlCode(CURLE_URL_MALFORMAT));
  EXPECT_FALSE(IsRetryableCurlCode(CURLE_WRITE_ERROR));
}

TEST(RetryPolicyTest, BackoffDoublesWithJitterUpToTheCap) {
  RetryPolicy policy(1.0, 8.0, 30.0, /*seed=*/7);
  double lo[] = {0.5, 1, 2, 4, 4, 4};
  double hi[] = {1, 2, 4, 8, 8, 8};
  for (int round = 0; round < 50; ++round) {
    for (int k = 0; k < 6; ++k) {
      double d = policy.Delay(k, std::nullopt);
      EXPECT_GE(d, lo[k]);
      EXPECT_LE(d, hi[k]);
    }
  }
  // Jitter actually varies.
  EXPECT_NE(policy.Delay(2, std::nullopt), policy.Delay(2, std::nullopt));
}

TEST(RetryPolicyTest, HintWinsUpToItsCap) {
  RetryPolicy policy(1.0, 8.0, 30.0, 7);
  EXPECT_EQ(policy.Delay(0, 12.0), 12.0);
  EXPECT_EQ(policy.Delay(5, 0.0), 0.0);
  EXPECT_EQ(policy.Delay(0, 600.0), 30.0);
}

}  // namespace
}  // namespace autocomp
