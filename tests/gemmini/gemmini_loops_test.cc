// tests/gemmini/gemmini_loops_test.cc — loop_ws and loop_conv_ws against
// plain reference loops, and random instruction sequences against a plain
// reference matmul.
#include <cstdint>
#include <random>
#include <vector>

#include "model_fixture.h"

namespace autocomp::gemmini::testing {
namespace {

constexpr uint32_t kAcc = 1u << 31, kAccumulate = 1u << 30, kGarbage = 0xFFFFFFFFu;

int8_t Sat(int64_t v) { return int8_t(v > 127 ? 127 : (v < -128 ? -128 : v)); }

class LoopWsTest : public ModelTest {
 protected:
  // C = sat(A*B + bias_row) via loop_ws with padding; returns mismatches.
  int Run(int I, int K, int J, bool bias, bool a_transpose, uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<int8_t> A(I * K), B(K * J);
    std::vector<int32_t> D(J);
    for (auto& x : A) x = int8_t(int(rng() % 9) - 4);
    for (auto& x : B) x = int8_t(int(rng() % 9) - 4);
    for (auto& x : D) x = int32_t(rng() % 201) - 100;
    const uint64_t a = kBase + 0x10000, b = kBase + 0x200000, d = kBase + 0x400000, c = kBase + 0x500000;
    // A stored transposed (K x I) when a_transpose
    std::vector<int8_t> At(K * I);
    for (int i = 0; i < I; ++i)
      for (int k = 0; k < K; ++k) At[k * I + i] = A[i * K + k];
    Put(a, a_transpose ? At : A);
    Put(b, B);
    Put(d, D);
    const int Ib = (I + 15) / 16, Jb = (J + 15) / 16, Kb = (K + 15) / 16;
    const uint64_t strideA = a_transpose ? I : K;
    EXPECT_EQ(ConfigEx(1, 0, a_transpose, false), RoccUnit::Outcome::kDone);
    ConfigSt(J, 1.0f);
    ConfigLd(strideA, 1.0f, 16, 0);
    ConfigLd(J, 1.0f, 16, 1);
    ConfigLd(0, 1.0f, 16, 2);  // repeating bias row
    Ok(kLoopWsConfigBounds, (uint64_t(Kb * 16 - K) << 32) | (uint64_t(Jb * 16 - J) << 16) | uint64_t(Ib * 16 - I),
       (uint64_t(Kb) << 32) | (uint64_t(Jb) << 16) | uint64_t(Ib));
    Ok(kLoopWsConfigAddrsAB, a, b);
    Ok(kLoopWsConfigAddrsDC, bias ? d : 0, c);
    Ok(kLoopWsConfigStridesAB, strideA, J);
    Ok(kLoopWsConfigStridesDC, 0, J);
    Ok(kLoopWs, bias ? 1 : 0, a_transpose ? 1 : 0);
    auto C = Get<int8_t>(c, I * J);
    int bad = 0;
    for (int i = 0; i < I; ++i)
      for (int j = 0; j < J; ++j) {
        int64_t s = bias ? D[j] : 0;
        for (int k = 0; k < K; ++k) s += int64_t(A[i * K + k]) * B[k * J + j];
        if (C[i * J + j] != Sat(s)) ++bad;
      }
    return bad;
  }
};

TEST_F(LoopWsTest, MatchesAPlainMatmulWithPadding) { EXPECT_EQ(Run(40, 72, 56, false, false, 1), 0); }
TEST_F(LoopWsTest, AddsARepeatingBias) { EXPECT_EQ(Run(48, 32, 64, true, false, 2), 0); }
TEST_F(LoopWsTest, TransposesA) { EXPECT_EQ(Run(32, 48, 16, false, true, 3), 0); }

TEST_F(LoopWsTest, BoundsTooLargeForDoubleBufferingStopLikeSpike) {
  Ok(kLoopWsConfigBounds, 0, (uint64_t(8) << 32) | (uint64_t(8) << 16) | 8);  // I*J = 64 tiles > 32
  EXPECT_EQ(Cmd(kLoopWs, 0, 0), RoccUnit::Outcome::kHalt);
  EXPECT_EQ(model_->exit_request().value_or(0), 1);
  EXPECT_NE(LastMessage().find("loop_ws bounds I=8 J=8 K=8"), std::string::npos) << LastMessage();
}

// Random programs: tiles of C computed with random k orders, random scratchpad
// and accumulator placement, compute_accumulated reuse of preloaded weights.
TEST_F(ModelTest, RandomInstructionSequencesMatchAPlainMatmul) {
  for (uint32_t seed = 1; seed <= 25; ++seed) {
    std::mt19937 rng(seed);
    const int Ib = 1 + rng() % 3, Kb = 1 + rng() % 4, Jb = 1 + rng() % 3;
    const int I = Ib * 16, K = Kb * 16, J = Jb * 16;
    std::vector<int8_t> A(I * K), B(K * J);
    for (auto& x : A) x = int8_t(int(rng() % 15) - 7);
    for (auto& x : B) x = int8_t(int(rng() % 15) - 7);
    const uint64_t a = kBase + 0x1000, b = kBase + 0x100000, c = kBase + 0x200000;
    Put(a, A);
    Put(b, B);
    ASSERT_EQ(ConfigEx(1, 0, false, false), RoccUnit::Outcome::kDone);
    ConfigLd(K, 1.0f, 16, 0);
    ConfigLd(J, 1.0f, 16, 1);
    ConfigSt(J, 1.0f);
    for (int jb = 0; jb < Jb; ++jb) {
      std::vector<int> order(Kb);
      for (int k = 0; k < Kb; ++k) order[k] = k;
      std::shuffle(order.begin(), order.end(), rng);
      const uint32_t acc_base = (rng() % 60) * 16;
      for (int step = 0; step < Kb; ++step) {
        const int kb = order[step];
        const uint32_t b_row = 8192 + (rng() % 400) * 16;
        Ok(kMvin2, b + uint64_t(kb) * 16 * J + jb * 16, Pack(b_row, 16, 16));
        for (int ib = 0; ib < Ib; ++ib) {
          const uint32_t a_row = (rng() % 400) * 16;
          Ok(kMvin, a + uint64_t(ib) * 16 * K + kb * 16, Pack(a_row, 16, 16));
          const uint32_t c_row = kAcc | (step ? kAccumulate : 0) | (acc_base + ib * 16);
          if (ib == 0) {
            Ok(kPreload, Pack(b_row, 16, 16), Pack(c_row, 16, 16));
            Ok(kComputePreloaded, Pack(a_row, 16, 16), Pack(kGarbage, 16, 16));
          } else {
            Ok(kPreload, Pack(kGarbage, 16, 16), Pack(c_row, 16, 16));
            Ok(kComputeAccumulated, Pack(a_row, 16, 16), Pack(kGarbage, 16, 16));
          }
        }
      }
      for (int ib = 0; ib < Ib; ++ib) Ok(kMvout, c + uint64_t(ib) * 16 * J + jb * 16, Pack(kAcc | (acc_base + ib * 16), 16, 16));
    }
    auto C = Get<int8_t>(c, I * J);
    for (int i = 0; i < I; ++i)
      for (int j = 0; j < J; ++j) {
        int64_t s = 0;
        for (int k = 0; k < K; ++k) s += int64_t(A[i * K + k]) * B[k * J + j];
        ASSERT_EQ(C[i * J + j], Sat(s)) << "seed " << seed << " at " << i << "," << j;
      }
  }
}

// loop_conv_ws: NHWC input, [kh][kw][cin][cout] weights, bias, stride 1,
// padding 1, scaled by 1/4 with ReLU — against a direct convolution.
TEST_F(ModelTest, LoopConvWsMatchesADirectConvolution) {
  const int N = 2, H = 6, W = 5, Ci = 20, Co = 18, Kd = 3, pad = 1;
  const int Ho = H, Wo = W;
  std::mt19937 rng(11);
  std::vector<int8_t> in(N * H * W * Ci), w(Kd * Kd * Ci * Co);
  std::vector<int32_t> bias(Co);
  for (auto& x : in) x = int8_t(int(rng() % 9) - 4);
  for (auto& x : w) x = int8_t(int(rng() % 9) - 4);
  for (auto& x : bias) x = int32_t(rng() % 41) - 20;
  const uint64_t pin = kBase + 0x1000, pw = kBase + 0x40000, pb = kBase + 0x80000, pout = kBase + 0x90000;
  Put(pin, in);
  Put(pw, w);
  Put(pb, bias);
  ASSERT_EQ(ConfigEx(1, 0, false, false), RoccUnit::Outcome::kDone);
  ConfigSt(Co, 0.25f, /*relu*/ 1);
  auto u16 = [](int v) { return uint64_t(uint16_t(v)); };
  Ok(kLoopConvWsConfig1, (u16(Co) << 48) | (u16(Ci) << 32) | (u16(H) << 16) | u16(N),
     (uint64_t(pad) << 56) | (uint64_t(1) << 48) | (u16(Wo) << 32) | (u16(Ho) << 16) | u16(Ho));
  Ok(kLoopConvWsConfig1 + 1, (u16(Kd) << 48) | (u16(Wo) << 32),
     (u16(N) << 48) | (u16(Ho) << 32) | (u16(Wo) << 16) | u16(Co));
  Ok(kLoopConvWsConfig1 + 2, (u16(Kd) << 48) | (u16(Kd) << 32) | (u16(Ci) << 16) | u16(pad),
     (u16(pad) << 48) | (u16(pad) << 32) | (uint64_t(pad) << 24) | u16(W));
  Ok(kLoopConvWsConfig1 + 3, (u16(Ho) << 48) | 1, (u16(Ci) << 48) | (u16(Co) << 32) | (u16(Co) << 16) | u16(Wo));
  Ok(kLoopConvWsConfig1 + 4, pw, pout);
  Ok(kLoopConvWsConfig1 + 5, pb, pin);
  Ok(kLoopConvWs, 0, 1 /* no pool */);
  auto out = Get<int8_t>(pout, N * Ho * Wo * Co);
  for (int n = 0; n < N; ++n)
    for (int oh = 0; oh < Ho; ++oh)
      for (int ow = 0; ow < Wo; ++ow)
        for (int co = 0; co < Co; ++co) {
          int64_t s = bias[co];
          for (int kh = 0; kh < Kd; ++kh)
            for (int kw = 0; kw < Kd; ++kw) {
              int ih = oh + kh - pad, iw = ow + kw - pad;
              if (ih < 0 || iw < 0 || ih >= H || iw >= W) continue;
              for (int ci = 0; ci < Ci; ++ci)
                s += int64_t(in[((n * H + ih) * W + iw) * Ci + ci]) * w[((kh * Kd + kw) * Ci + ci) * Co + co];
            }
          // scale 1/4, round half to even, saturate, ReLU
          double q = double(s) / 4.0;
          double r = std::nearbyint(q);
          int8_t expect = Sat(int64_t(r));
          if (expect < 0) expect = 0;
          ASSERT_EQ(out[((n * Ho + oh) * Wo + ow) * Co + co], expect) << n << "," << oh << "," << ow << "," << co;
        }
}

}  // namespace
}  // namespace autocomp::gemmini::testing
