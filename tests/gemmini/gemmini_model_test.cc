// tests/gemmini/gemmini_model_test.cc — each Gemmini instruction of the
// built-in model against hand-computed results.
#include <cstdint>
#include <random>
#include <vector>

#include "model_fixture.h"

namespace autocomp::gemmini::testing {
namespace {

constexpr uint32_t kAcc = 1u << 31, kAccumulate = 1u << 30, kFull = 1u << 29, kGarbage = 0xFFFFFFFFu;

TEST_F(ModelTest, MvinThenMvoutRoundTripsAScratchpadTile) {
  std::vector<int8_t> a(256);
  for (int i = 0; i < 256; ++i) a[i] = int8_t(i * 7 - 100);
  Put(kBase + 0x1000, a);
  ConfigLd(16, 1.0f, 16, 0);
  Ok(kMvin, kBase + 0x1000, Pack(5, 16, 16));
  EXPECT_EQ(model_->SpadValue(5, 0), -100);
  EXPECT_EQ(model_->SpadValue(6, 1), int8_t(17 * 7 - 100));
  ConfigSt(16, 1.0f);
  Ok(kMvout, kBase + 0x2000, Pack(5, 16, 16));
  EXPECT_EQ(Get<int8_t>(kBase + 0x2000, 256), a);
}

TEST_F(ModelTest, MvinScaleRoundsHalfToEvenAndSaturates) {
  Put<int8_t>(kBase, {5, 7, -5, -7, 1, 3, 100, -100, 9, -9, 0, 127, -128, 2, 4, 6});
  ConfigLd(16, 0.5f, 16, 0);
  Ok(kMvin, kBase, Pack(0, 16, 1));
  const int expect_half[16] = {2, 4, -2, -4, 0, 2, 50, -50, 4, -4, 0, 64, -64, 1, 2, 3};
  for (int c = 0; c < 16; ++c) EXPECT_EQ(model_->SpadValue(0, c), expect_half[c]) << "column " << c;
  ConfigLd(16, 2.0f, 16, 0);
  Ok(kMvin, kBase, Pack(1, 16, 1));
  const int expect_double[16] = {10, 14, -10, -14, 2, 6, 127, -128, 18, -18, 0, 127, -128, 4, 8, 12};
  for (int c = 0; c < 16; ++c) EXPECT_EQ(model_->SpadValue(1, c), expect_double[c]) << "column " << c;
}

TEST_F(ModelTest, AccumulatorScaleOnMvoutRoundsHalfToEvenSaturatesAndApplies_ReLU) {
  Put<int32_t>(kBase, {10, 14, -10, -14, 1000, -1000, 6, 2, 0, 1, -1, 3, 5, -6, 400, -513});
  ConfigLd(64, 1.0f, 16, 0);
  Ok(kMvin, kBase, Pack(kAcc | 3, 16, 1));  // full-width int32 into the accumulator, unscaled
  EXPECT_EQ(model_->AccValue(3, 4), 1000);
  ConfigSt(16, 0.25f);
  Ok(kMvout, kBase + 0x100, Pack(kAcc | 3, 16, 1));
  const std::vector<int8_t> expect = {2, 4, -2, -4, 127, -128, 2, 0, 0, 0, 0, 1, 1, -2, 100, -128};
  EXPECT_EQ(Get<int8_t>(kBase + 0x100, 16), expect);
  ConfigSt(16, 0.25f, /*act=*/1);
  Ok(kMvout, kBase + 0x200, Pack(kAcc | 3, 16, 1));
  const std::vector<int8_t> relu = {2, 4, 0, 0, 127, 0, 2, 0, 0, 0, 0, 1, 1, 0, 100, 0};
  EXPECT_EQ(Get<int8_t>(kBase + 0x200, 16), relu);
}

TEST_F(ModelTest, FullRowBitMovesOutRawInt32AndAccumulateBitAdds) {
  std::vector<int32_t> v(16);
  for (int i = 0; i < 16; ++i) v[i] = 100000 * (i - 8);
  Put(kBase, v);
  ConfigLd(64, 1.0f, 16, 0);
  Ok(kMvin, kBase, Pack(kAcc | 7, 16, 1));
  Ok(kMvin, kBase, Pack(kAcc | kAccumulate | 7, 16, 1));
  ConfigSt(64, 1.0f);
  Ok(kMvout, kBase + 0x400, Pack(kAcc | kFull | 7, 16, 1));
  auto out = Get<int32_t>(kBase + 0x400, 16);
  for (int i = 0; i < 16; ++i) EXPECT_EQ(out[i], 2 * v[i]);
}

TEST_F(ModelTest, WideMvinUsesBlockStrideAndZeroAddressMovesZeros) {
  std::vector<int8_t> row(64);
  for (int i = 0; i < 64; ++i) row[i] = int8_t(i + 1);
  Put(kBase, row);
  ConfigLd(64, 1.0f, 20, 1);
  Ok(kMvin2, kBase, Pack(100, 64, 1));
  for (int b = 0; b < 4; ++b) EXPECT_EQ(model_->SpadValue(100 + 20 * b, 3), 16 * b + 4) << "block " << b;
  Ok(kMvin2, 0, Pack(100, 16, 1));
  EXPECT_EQ(model_->SpadValue(100, 3), 0);
  EXPECT_EQ(model_->SpadValue(120, 3), 20);  // other blocks untouched
}

TEST_F(ModelTest, ShrunkMvinLoadsInt8IntoTheAccumulator) {
  Put<int8_t>(kBase, {-3, 4, 5, -128});
  ConfigLd(16, 1.0f, 16, 2, /*shrunk=*/true);
  Ok(kMvin3, kBase, Pack(kAcc | 9, 4, 1));
  EXPECT_EQ(model_->AccValue(9, 0), -3);
  EXPECT_EQ(model_->AccValue(9, 3), -128);
}

class ComputeTest : public ModelTest {
 protected:
  void SetUp() override {
    ModelTest::SetUp();
    std::mt19937 rng(7);
    A.resize(256); B.resize(256); D.resize(256);
    for (auto& x : A) x = int8_t(int(rng() % 21) - 10);
    for (auto& x : B) x = int8_t(int(rng() % 21) - 10);
    for (auto& x : D) x = int8_t(int(rng() % 11) - 5);
    Put(kBase + 0x000, A);
    Put(kBase + 0x100, B);
    Put(kBase + 0x200, D);
    ConfigLd(16, 1.0f, 16, 0);
    Ok(kMvin, kBase + 0x000, Pack(0, 16, 16));   // A at rows 0..15
    Ok(kMvin, kBase + 0x100, Pack(16, 16, 16));  // B at rows 16..31
    Ok(kMvin, kBase + 0x200, Pack(32, 16, 16));  // D at rows 32..47
  }
  int32_t Ref(int i, int j, bool a_t, bool b_t, bool bias) const {
    int32_t s = bias ? D[i * 16 + j] : 0;
    for (int k = 0; k < 16; ++k) s += int32_t(a_t ? A[k * 16 + i] : A[i * 16 + k]) * int32_t(b_t ? B[j * 16 + k] : B[k * 16 + j]);
    return s;
  }
  std::vector<int8_t> A, B, D;
};

TEST_F(ComputeTest, WeightStationaryMatmulWithBiasIntoTheAccumulator) {
  ASSERT_EQ(ConfigEx(1, 0, false, false), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(16, 16, 16), Pack(kAcc | 0, 16, 16));
  Ok(kComputePreloaded, Pack(0, 16, 16), Pack(32, 16, 16));
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 16; ++j) ASSERT_EQ(model_->AccValue(i, j), Ref(i, j, false, false, true)) << i << "," << j;
}

TEST_F(ComputeTest, ComputeAccumulatedKeepsTheWeightsAndAccumulateBitAdds) {
  ASSERT_EQ(ConfigEx(1, 0, false, false), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(16, 16, 16), Pack(kAcc | 0, 16, 16));
  Ok(kComputePreloaded, Pack(0, 16, 16), Pack(kGarbage, 16, 16));
  Ok(kPreload, Pack(kGarbage, 16, 16), Pack(kAcc | kAccumulate | 0, 16, 16));
  Ok(kComputeAccumulated, Pack(0, 16, 16), Pack(kGarbage, 16, 16));
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 16; ++j) ASSERT_EQ(model_->AccValue(i, j), 2 * Ref(i, j, false, false, false));
}

TEST_F(ComputeTest, GarbagePreloadZeroesTheWeights) {
  ASSERT_EQ(ConfigEx(1, 0, false, false), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(kGarbage, 16, 16), Pack(kAcc | 0, 16, 16));
  Ok(kComputePreloaded, Pack(0, 16, 16), Pack(32, 16, 16));
  EXPECT_EQ(model_->AccValue(3, 4), D[3 * 16 + 4]);
}

TEST_F(ComputeTest, WeightStationaryTransposesAOrB) {
  ASSERT_EQ(ConfigEx(1, 0, true, false), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(16, 16, 16), Pack(kAcc | 0, 16, 16));
  Ok(kComputePreloaded, Pack(0, 16, 16), Pack(kGarbage, 16, 16));
  EXPECT_EQ(model_->AccValue(2, 5), Ref(2, 5, true, false, false));
  ASSERT_EQ(ConfigEx(1, 0, false, true), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(16, 16, 16), Pack(kAcc | 16, 16, 16));
  Ok(kComputePreloaded, Pack(0, 16, 16), Pack(kGarbage, 16, 16));
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 16; ++j) ASSERT_EQ(model_->AccValue(16 + i, j), Ref(i, j, false, true, false));
}

TEST_F(ComputeTest, OutputStationaryShiftsWithRoundingIntoTheScratchpad) {
  ASSERT_EQ(ConfigEx(0, 0, false, false, /*shift=*/3), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(32, 16, 16), Pack(64, 16, 16));          // D preloaded into the PEs, C to row 64
  Ok(kComputePreloaded, Pack(0, 16, 16), Pack(16, 16, 16));  // A, B
  for (int i = 0; i < 16; ++i) {
    for (int j = 0; j < 16; ++j) {
      int32_t x = Ref(i, j, false, false, true);
      // round to nearest, ties to even, then saturate to int8
      int32_t q = x >> 3, rem = x & 7;
      if (rem > 4 || (rem == 4 && (q & 1))) q += 1;
      q = q > 127 ? 127 : (q < -128 ? -128 : q);
      ASSERT_EQ(model_->SpadValue(64 + i, j), q) << i << "," << j << " from " << x;
    }
  }
}

TEST_F(ComputeTest, OutputStationaryTransposesBothOperands) {
  ASSERT_EQ(ConfigEx(0, 0, true, true), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(kGarbage, 16, 16), Pack(kAcc | 100, 16, 16));
  Ok(kComputePreloaded, Pack(0, 16, 16), Pack(16, 16, 16));
  EXPECT_EQ(model_->AccValue(100 + 7, 9), Ref(7, 9, true, true, false));
}

TEST_F(ComputeTest, IllegalTransposeCombinationsAreErrors) {
  EXPECT_EQ(ConfigEx(0, 0, false, true), RoccUnit::Outcome::kHalt);
  EXPECT_NE(LastMessage().find("output-stationary dataflow cannot transpose B alone"), std::string::npos) << LastMessage();
  EXPECT_EQ(ConfigEx(1, 0, true, true), RoccUnit::Outcome::kHalt);
  EXPECT_NE(LastMessage().find("weight-stationary dataflow cannot transpose both"), std::string::npos) << LastMessage();
}

TEST_F(ComputeTest, PartialRowsAndColsReadZerosOutside) {
  ASSERT_EQ(ConfigEx(1, 0, false, false), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(16, 5, 7), Pack(kAcc | 0, 16, 16));  // B: 7 rows x 5 cols
  Ok(kComputePreloaded, Pack(0, 7, 3), Pack(kGarbage, 16, 16));  // A: 3 rows x 7 cols
  int32_t s = 0;
  for (int k = 0; k < 7; ++k) s += int32_t(A[1 * 16 + k]) * B[k * 16 + 2];
  EXPECT_EQ(model_->AccValue(1, 2), s);
  EXPECT_EQ(model_->AccValue(1, 9), 0);   // beyond B's 5 cols
  EXPECT_EQ(model_->AccValue(5, 2), 0);   // beyond A's 3 rows
}

TEST_F(ModelTest, ErrorsNameTheInstructionAndItsOperands) {
  EXPECT_EQ(Cmd(kMvin, kBase, Pack(0, 16, 17)), RoccUnit::Outcome::kHalt);
  EXPECT_NE(LastMessage().find("mvin at pc 0x80001234"), std::string::npos) << LastMessage();
  EXPECT_NE(LastMessage().find("rows 17 > DIM 16"), std::string::npos) << LastMessage();
  EXPECT_NE(LastMessage().find("rs2=0x11001000000000"), std::string::npos) << LastMessage();
  EXPECT_EQ(Cmd(kMvin, kBase, Pack(0, 65, 1)), RoccUnit::Outcome::kHalt);
  EXPECT_NE(LastMessage().find("cols 65 > 64"), std::string::npos) << LastMessage();
  EXPECT_EQ(Cmd(kMvin, kBase, Pack(kAcc, 17, 1)), RoccUnit::Outcome::kHalt);
  EXPECT_NE(LastMessage().find("cols 17 > 16"), std::string::npos) << LastMessage();
  ConfigLd(16, 1.0f, 16, 0);
  EXPECT_EQ(Cmd(kMvin, kBase, Pack(16380, 16, 16)), RoccUnit::Outcome::kHalt);
  EXPECT_NE(LastMessage().find("beyond the scratchpad (16384 rows)"), std::string::npos) << LastMessage();
  EXPECT_EQ(Cmd(kMvout, kBase, Pack(kAcc | 1020, 16, 16)), RoccUnit::Outcome::kHalt);
  EXPECT_NE(LastMessage().find("beyond the accumulator (1024 rows)"), std::string::npos) << LastMessage();
  EXPECT_EQ(Cmd(kComputePreloaded, Pack(0, 17, 16), Pack(kGarbage, 16, 16)), RoccUnit::Outcome::kHalt);
  EXPECT_NE(LastMessage().find("A cols 17 > DIM 16"), std::string::npos) << LastMessage();
}

TEST_F(ModelTest, UnmappedDramFaultsLikeSpike) {
  ConfigLd(16, 1.0f, 16, 0);
  EXPECT_EQ(Cmd(kMvin, 0x10000, Pack(0, 16, 1)), RoccUnit::Outcome::kLoadFault);
  EXPECT_EQ(last_fault_, 0x10000u);
  ConfigSt(16, 1.0f);
  EXPECT_EQ(Cmd(kMvout, 0x20000, Pack(0, 16, 1)), RoccUnit::Outcome::kStoreFault);
}

TEST_F(ModelTest, ReadsOfNeverWrittenRowsAreWarnings) {
  ASSERT_EQ(ConfigEx(1, 0, false, false), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(200, 16, 16), Pack(kAcc, 16, 16));
  Ok(kComputePreloaded, Pack(300, 16, 16), Pack(kGarbage, 16, 16));
  EXPECT_FALSE(AnyFatal());
  EXPECT_GT(model_->stats().unwritten_reads, 0u);
  EXPECT_NE(LastMessage().find("never written"), std::string::npos) << LastMessage();
}

TEST_F(ModelTest, UnknownFunctIsIllegalAndCountsEveryInstructionOnce) {
  EXPECT_EQ(Cmd(50, 0, 0), RoccUnit::Outcome::kIllegal);
  Ok(kFlush, 0, 0);
  EXPECT_EQ(model_->stats().instructions, 2u);
}

TEST_F(ModelTest, SpikeLogLinesHaveSpikesFormat) {
  GemminiOptions o;
  o.spike_log = true;
  o.print = [this](const std::string& s) { printed_ += s; };
  model_ = GemminiModel::Create(o, mem_.get());
  ConfigLd(16, 1.0f, 16, 0);
  Ok(kMvin, kBase + 0x32d0, Pack(0, 16, 16));
  Ok(kMvout, kBase + 0x2ad0, Pack(kAcc | 0x10, 16, 16));
  EXPECT_NE(printed_.find("Gemmini extension configured with:\n    dim = 16\n"), std::string::npos);
  EXPECT_NE(printed_.find("GEMMINI: mvin - 0x10 cols and 0x10 rows from 0x800032d0 to addr 0x00000000\n"), std::string::npos) << printed_;
  EXPECT_NE(printed_.find("GEMMINI: mvout - 0x10 cols and 0x10 rows from 0x10001080000010 to addr 0x80002ad0\n"), std::string::npos) << printed_;
}

TEST_F(ModelTest, Fp32ConfigurationMultipliesFloatsInOrder) {
  SetUpModel(GemminiConfig::Fp32());
  std::vector<float> a = {0.1f, 0.2f, 0.3f, 0.4f, 1, 2, 3, 4, -1.5f, 2.25f, 1e-3f, 7, 0, 0, 0, 1};
  std::vector<float> b = {1.1f, -0.7f, 0.3f, 2, 0.5f, 0.25f, -3, 1, 9, 8, 7, 6, 0.01f, 0.02f, 0.03f, 0.04f};
  Put(kBase, a);
  Put(kBase + 0x100, b);
  ConfigLd(16, 1.0f, 4, 0);
  Ok(kMvin, kBase, Pack(0, 4, 4));
  Ok(kMvin, kBase + 0x100, Pack(4, 4, 4));
  ASSERT_EQ(ConfigEx(1, 0, false, false), RoccUnit::Outcome::kDone);
  Ok(kPreload, Pack(4, 4, 4), Pack(kAcc, 4, 4));
  Ok(kComputePreloaded, Pack(0, 4, 4), Pack(kGarbage, 4, 4));
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      float s = 0;
      for (int k = 0; k < 4; ++k) {
        float p = a[i * 4 + k] * b[k * 4 + j];
        s = s + p;
      }
      EXPECT_EQ(float(model_->AccValue(i, j)), s) << i << "," << j;
    }
  }
  ConfigSt(16, 1.0f);
  Ok(kMvout, kBase + 0x200, Pack(kAcc | kFull, 4, 4));
  EXPECT_EQ(Get<float>(kBase + 0x200, 1)[0], float(model_->AccValue(0, 0)));
}

}  // namespace
}  // namespace autocomp::gemmini::testing
