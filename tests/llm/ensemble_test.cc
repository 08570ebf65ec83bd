// tests/llm/ensemble_test.cc
#include "master/llm/ensemble.h"

#include <gtest/gtest.h>

namespace autocomp {
namespace {

using Split = std::vector<std::pair<std::string, int>>;

TEST(EnsembleTest, EvenSplitGivesTheRemainderToTheFirstModels) {
  std::vector<std::string> m = {"a/1", "b/2", "c/3"};
  EXPECT_EQ(SplitCalls(7, m), (Split{{"a/1", 3}, {"b/2", 2}, {"c/3", 2}}));
  EXPECT_EQ(SplitCalls(8, m), (Split{{"a/1", 3}, {"b/2", 3}, {"c/3", 2}}));
  EXPECT_EQ(SplitCalls(9, m), (Split{{"a/1", 3}, {"b/2", 3}, {"c/3", 3}}));
  EXPECT_EQ(SplitCalls(2, m), (Split{{"a/1", 1}, {"b/2", 1}, {"c/3", 0}}));
  EXPECT_EQ(SplitCalls(5, {"a/1"}), (Split{{"a/1", 5}}));
}

TEST(EnsembleTest, DegenerateInputs) {
  EXPECT_TRUE(SplitCalls(0, {"a/1"}).empty());
  EXPECT_TRUE(SplitCalls(-3, {"a/1"}).empty());
  EXPECT_TRUE(SplitCalls(4, {}).empty());
  EXPECT_TRUE(SplitCalls(4, {"a/1", "b/2"}, {{"a/1", 0}, {"b/2", 0}}).empty());
}

TEST(EnsembleTest, Weights) {
  std::vector<std::string> m = {"a/1", "b/2", "c/3"};
  // 3:1 over 8 calls → 6 and 2.
  EXPECT_EQ(SplitCalls(8, {"a/1", "b/2"}, {{"a/1", 3}, {"b/2", 1}}),
            (Split{{"a/1", 6}, {"b/2", 2}}));
  // Quotas 5.0, 2.5, 2.5 of 10 → the remainder goes to b (first of the ties).
  EXPECT_EQ(SplitCalls(10, m, {{"a/1", 2}, {"b/2", 1}, {"c/3", 1}}),
            (Split{{"a/1", 5}, {"b/2", 3}, {"c/3", 2}}));
  // Largest fraction wins: quotas 0.4, 1.2, 1.4 of 3 → 0+1, 1, 1.
  EXPECT_EQ(SplitCalls(3, m, {{"a/1", 2}, {"b/2", 6}, {"c/3", 7}}),
            (Split{{"a/1", 1}, {"b/2", 1}, {"c/3", 1}}));
  // Weight 0 gets nothing even from the remainder; missing weight = 1.
  EXPECT_EQ(SplitCalls(5, m, {{"a/1", 0}}), (Split{{"a/1", 0}, {"b/2", 3}, {"c/3", 2}}));
}

TEST(EnsembleTest, CountsAlwaysAddUp) {
  std::vector<std::string> m = {"a/1", "b/2", "c/3", "d/4"};
  std::map<std::string, double> w = {{"a/1", 0.3}, {"b/2", 1.7}, {"c/3", 0.01}, {"d/4", 2.2}};
  for (int n = 1; n < 60; ++n) {
    int total = 0;
    for (const auto& [model, count] : SplitCalls(n, m, w)) total += count;
    EXPECT_EQ(total, n);
  }
}

}  // namespace
}  // namespace autocomp
