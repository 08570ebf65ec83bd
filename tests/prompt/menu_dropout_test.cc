// tests/prompt/menu_dropout_test.cc
//
// DropoutMenu: over many seeds the kept fraction, each entry's rate and the
// rate of pairs stay in tight bands around p, p and p^2; a seed reproduces
// its subset (also against pinned values, so a change of the drawing
// algorithm shows up); an empty draw falls back to one uniform entry.
// Seeds are fixed, so the statistics are deterministic: the bands are about
// five standard deviations wide and a biased or correlated draw fails them.
#include "master/prompt/menu_dropout.h"

#include <cmath>
#include <set>

#include <gtest/gtest.h>

namespace autocomp {
namespace {

constexpr int kSeeds = 4000;

TEST(MenuDropoutTest, SameSeedSameSubsetDifferentSeedsDiffer) {
  EXPECT_EQ(DropoutMenu(16, 0.5, 7), DropoutMenu(16, 0.5, 7));
  std::set<std::vector<int>> subsets;
  for (uint64_t seed = 0; seed < 100; ++seed) subsets.insert(DropoutMenu(16, 0.5, seed));
  EXPECT_GE(subsets.size(), 98u);  // 2^16 subsets: collisions are rare
}

TEST(MenuDropoutTest, PinnedDraws) {
  // mt19937_64 is fully specified by the standard and the draws avoid
  // std::*_distribution, so these hold with every standard library. The
  // values were computed with an independent Python implementation of
  // mt19937_64 + splitmix64 (checked against the standard's 10000th-output
  // value), not copied from this code's output.
  EXPECT_EQ(DropoutMenu(16, 0.5, 42), (std::vector<int>{4, 6, 7, 12, 13}));
  EXPECT_EQ(DropoutMenu(10, 0.3, 1), (std::vector<int>{5, 8}));
  EXPECT_EQ(DropoutMenu(8, 0.0, 5), (std::vector<int>{1}));  // the fallback draw
}

TEST(MenuDropoutTest, ResultIsSortedUniqueAndInRange) {
  for (uint64_t seed = 0; seed < 200; ++seed) {
    std::vector<int> kept = DropoutMenu(13, 0.4, seed);
    ASSERT_FALSE(kept.empty());
    for (size_t i = 0; i < kept.size(); ++i) {
      EXPECT_GE(kept[i], 0);
      EXPECT_LT(kept[i], 13);
      if (i > 0) {
        EXPECT_LT(kept[i - 1], kept[i]);
      }
    }
  }
}

class MenuDropoutRateTest : public ::testing::TestWithParam<double> {};

TEST_P(MenuDropoutRateTest, KeptFractionEntryRatesAndPairRatesMatchP) {
  const double p = GetParam();
  const size_t n = 16;
  std::vector<int> count(n, 0);
  int pair01 = 0, pair_last = 0;
  long total = 0;
  for (uint64_t seed = 1000; seed < 1000 + kSeeds; ++seed) {
    std::vector<int> kept = DropoutMenu(n, p, seed);
    total += static_cast<long>(kept.size());
    std::vector<bool> in(n, false);
    for (int i : kept) {
      ++count[static_cast<size_t>(i)];
      in[static_cast<size_t>(i)] = true;
    }
    pair01 += in[0] && in[1];
    pair_last += in[n - 2] && in[n - 1];
  }
  // The one-entry fallback adds (1-p)^n / n to each entry's rate.
  const double expected = p + std::pow(1 - p, n) / n;
  const double fraction = static_cast<double>(total) / (kSeeds * n);
  const double sd_total = std::sqrt(p * (1 - p) / (kSeeds * n));
  EXPECT_NEAR(fraction, expected, 5 * sd_total + 1e-3) << "p=" << p;
  const double sd_entry = std::sqrt(p * (1 - p) / kSeeds);
  for (size_t i = 0; i < n; ++i) {
    EXPECT_NEAR(static_cast<double>(count[i]) / kSeeds, expected, 5 * sd_entry) << "entry " << i << " p=" << p;
  }
  const double q = p * p, sd_pair = std::sqrt(q * (1 - q) / kSeeds);
  EXPECT_NEAR(static_cast<double>(pair01) / kSeeds, q, 5 * sd_pair) << "p=" << p;
  EXPECT_NEAR(static_cast<double>(pair_last) / kSeeds, q, 5 * sd_pair) << "p=" << p;
}

INSTANTIATE_TEST_SUITE_P(Probabilities, MenuDropoutRateTest, ::testing::Values(0.2, 0.5, 0.8));

TEST(MenuDropoutTest, BandsAreTightEnoughToCatchABias) {
  // The same statistic as above, for draws with p = 0.55 judged against 0.5:
  // the band must reject it.
  long total = 0;
  for (uint64_t seed = 1000; seed < 1000 + kSeeds; ++seed) total += static_cast<long>(DropoutMenu(16, 0.55, seed).size());
  const double fraction = static_cast<double>(total) / (kSeeds * 16);
  EXPECT_GT(std::fabs(fraction - 0.5), 5 * std::sqrt(0.25 / (kSeeds * 16)) + 1e-3);
}

TEST(MenuDropoutTest, KeepAllAndEdgeProbabilities) {
  EXPECT_EQ(DropoutMenu(5, 1.0, 3), (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(DropoutMenu(5, 7.0, 3), (std::vector<int>{0, 1, 2, 3, 4}));  // clamped to 1
  EXPECT_EQ(DropoutMenu(5, -1.0, 3).size(), 1u);                        // clamped to 0
  EXPECT_TRUE(DropoutMenu(0, 0.5, 3).empty());
  EXPECT_EQ(DropoutMenu(1, 0.0, 3), (std::vector<int>{0}));
}

TEST(MenuDropoutTest, NothingKeptFallsBackToOneUniformEntry) {
  const size_t n = 8;
  const int seeds = 8000;
  std::vector<int> count(n, 0);
  for (uint64_t seed = 0; seed < static_cast<uint64_t>(seeds); ++seed) {
    std::vector<int> kept = DropoutMenu(n, 0.0, seed);
    ASSERT_EQ(kept.size(), 1u);
    ++count[static_cast<size_t>(kept[0])];
  }
  const double rate = 1.0 / n, sd = std::sqrt(rate * (1 - rate) / seeds);
  for (size_t i = 0; i < n; ++i) EXPECT_NEAR(static_cast<double>(count[i]) / seeds, rate, 5 * sd) << i;
}

TEST(MenuDropoutTest, MixSeedSeparatesStreams) {
  EXPECT_NE(MixSeed(1, 2), MixSeed(1, 3));
  EXPECT_NE(MixSeed(1, 2), MixSeed(2, 2));
  EXPECT_EQ(MixSeed(5, 9), MixSeed(5, 9));
  EXPECT_GE(UnitInterval(0), 0.0);
  EXPECT_LT(UnitInterval(~0ULL), 1.0);
}

}  // namespace
}  // namespace autocomp
