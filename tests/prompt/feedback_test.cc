// tests/prompt/feedback_test.cc
//
// DrawFeedback: the wording of each item, which metrics make up the
// utilization and hardware items, each item's own inclusion rate over many
// seeds, independence of the items, and that a seed's decisions do not
// depend on what the metrics hold.
#include "master/prompt/feedback.h"

#include <cmath>

#include <gtest/gtest.h>

namespace autocomp {
namespace {

const nlohmann::json kCpuMetrics = {{"median_s", 0.0123}, {"gflops", 21.834}, {"cv", 0.0123456},
                                    {"times_s", {0.0123, 0.0124}}, {"isolation", "none"}};
const nlohmann::json kGemminiMetrics = {{"scratchpad_utilization", 0.0625},
                                        {"accumulator_utilization", 0.25},
                                        {"cycles_estimate", 123456},
                                        {"_utilization", 0.5},
                                        {"bogus_utilization", "high"}};
const std::vector<HardwareMetric> kCpuHardware = {{"gflops", "achieved GFLOP/s"}, {"cv", "run-to-run variation"},
                                                  {"instructions", "instructions per call"}};
const std::vector<HardwareMetric> kGemminiHardware = {{"cycles_estimate", "estimated cycles"}};

FeedbackProbabilities All() { return {1.0, 1.0, 1.0}; }

TEST(FeedbackTest, CpuItemsAndWording) {
  std::vector<FeedbackItem> items = DrawFeedback(kCpuMetrics, 0.0123, "s", kCpuHardware, All(), 1);
  ASSERT_EQ(items.size(), 2u);  // no utilization metrics on cpu
  EXPECT_EQ(items[0].kind, "score");
  EXPECT_EQ(items[0].text, "- Score: 0.0123 s (lower is better)\n");
  EXPECT_EQ(items[1].kind, "hardware");
  EXPECT_EQ(items[1].text, "- achieved GFLOP/s: 21.83\n- run-to-run variation: 0.01235\n");
}

TEST(FeedbackTest, GemminiItemsAndWording) {
  std::vector<FeedbackItem> items = DrawFeedback(kGemminiMetrics, 48213, "instructions", kGemminiHardware, All(), 1);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].text, "- Score: 48213 instructions (lower is better)\n");
  EXPECT_EQ(items[1].kind, "utilization");
  // Keys in sorted order; "_utilization" alone and non-numbers are skipped.
  EXPECT_EQ(items[1].text,
            "- accumulator utilization: 25.0% of its capacity\n- scratchpad utilization: 6.2% of its capacity\n");
  EXPECT_EQ(items[2].text, "- estimated cycles: 123456\n");
}

TEST(FeedbackTest, AbsentItems) {
  EXPECT_TRUE(DrawFeedback(kCpuMetrics, 0.5, "s", kCpuHardware, {0.0, 0.0, 0.0}, 1).empty());
  std::vector<FeedbackItem> no_score = DrawFeedback(kCpuMetrics, std::nullopt, "s", kCpuHardware, All(), 1);
  ASSERT_EQ(no_score.size(), 1u);
  EXPECT_EQ(no_score[0].kind, "hardware");
  EXPECT_TRUE(DrawFeedback(nlohmann::json::array(), std::nullopt, "", kCpuHardware, All(), 1).empty());
  std::vector<FeedbackItem> no_unit = DrawFeedback({}, 2.0, "", {}, All(), 1);
  ASSERT_EQ(no_unit.size(), 1u);
  EXPECT_EQ(no_unit[0].text, "- Score: 2 (lower is better)\n");
}

TEST(FeedbackTest, EachItemHasItsOwnRateAndTheyAreIndependent) {
  const FeedbackProbabilities p{0.3, 0.6, 0.85};
  const int seeds = 4000;
  int score = 0, util = 0, hw = 0, score_and_util = 0;
  for (uint64_t seed = 0; seed < static_cast<uint64_t>(seeds); ++seed) {
    bool s = false, u = false;
    for (const FeedbackItem& item : DrawFeedback(kGemminiMetrics, 1.0, "x", kGemminiHardware, p, seed)) {
      if (item.kind == "score") s = true, ++score;
      if (item.kind == "utilization") u = true, ++util;
      if (item.kind == "hardware") ++hw;
    }
    score_and_util += s && u;
  }
  auto band = [&](double q) { return 5 * std::sqrt(q * (1 - q) / seeds); };
  EXPECT_NEAR(score / double(seeds), 0.3, band(0.3));
  EXPECT_NEAR(util / double(seeds), 0.6, band(0.6));
  EXPECT_NEAR(hw / double(seeds), 0.85, band(0.85));
  EXPECT_NEAR(score_and_util / double(seeds), 0.18, band(0.18));
}

TEST(FeedbackTest, DecisionsDependOnTheSeedNotOnTheMetrics) {
  const FeedbackProbabilities p{0.5, 0.5, 0.5};
  for (uint64_t seed = 0; seed < 50; ++seed) {
    auto with = DrawFeedback(kGemminiMetrics, 1.0, "x", kGemminiHardware, p, seed);
    auto without = DrawFeedback(nlohmann::json::object(), 1.0, "x", kGemminiHardware, p, seed);
    const bool score_with = !with.empty() && with[0].kind == "score";
    const bool score_without = !without.empty() && without[0].kind == "score";
    EXPECT_EQ(score_with, score_without) << seed;
    auto again = DrawFeedback(kGemminiMetrics, 1.0, "x", kGemminiHardware, p, seed);
    ASSERT_EQ(with.size(), again.size());
    for (size_t i = 0; i < with.size(); ++i) EXPECT_EQ(with[i].text, again[i].text);
  }
}

TEST(FeedbackTest, FormatNumber) {
  EXPECT_EQ(FormatNumber(123456), "123456");
  EXPECT_EQ(FormatNumber(0.000012345), "1.234e-05");
  EXPECT_EQ(FormatNumber(21.834), "21.83");
  EXPECT_EQ(FormatNumber(-3), "-3");
  EXPECT_EQ(FormatNumber(1e20), "1e+20");
}

}  // namespace
}  // namespace autocomp
