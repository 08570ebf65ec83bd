// tests/gemmini/rv64_core_test.cc — RV64 interpreter pieces that need no
// cross compiler: compressed expansion (pairs from the GNU assembler), the
// counting rules on hand-encoded instructions (encodings from the GNU
// assembler), and the fast loop's mechanisms: the pre-decoded instruction
// cache with self-modifying code, the watched pc, exact Step lengths, and
// the lazily accrued floating-point flags.
#include <cstring>
#include <memory>

#include <gtest/gtest.h>

#include "sim/memory.h"
#include "sim/rv64_compressed.h"
#include "sim/rv64_core.h"

namespace autocomp::gemmini {
namespace {

struct Pair { uint16_t c; uint32_t expanded; };
// c.addi4spn ... c.sdsp: each compressed instruction and the 32-bit
// instruction the assembler produces for its expansion.
const Pair kPairs[] = {
    {0x0800, 0x01010413},
    {0x2588, 0x0085b507},
    {0x42d0, 0x0046a603},
    {0x6f98, 0x0187b703},
    {0xa88c, 0x00b4b827},
    {0xc188, 0x00a5a023},
    {0xfce0, 0x0e84bc23},
    {0x0001, 0x00000013},
    {0x1575, 0xffd50513},
    {0x25fd, 0x01f5859b},
    {0x5281, 0xfe000293},
    {0x7139, 0xfc010113},
    {0x7785, 0xfffe17b7},
    {0x9105, 0x02155513},
    {0x8585, 0x4015d593},
    {0x9a7d, 0xfff67613},
    {0x8c05, 0x40940433},
    {0x8eb9, 0x00e6c6b3},
    {0x8fc1, 0x0087e7b3},
    {0x8d6d, 0x00b57533},
    {0x9e15, 0x40d6063b},
    {0x9f3d, 0x00f7073b},
    {0xa095, 0x0640006f},
    {0xd16d, 0xfe0501e3},
    {0xecfd, 0x0e049f63},
    {0x137e, 0x03f31313},
    {0x307e, 0x1f813007},
    {0x50fe, 0x0fc12083},
    {0x63a2, 0x00813383},
    {0x8082, 0x00008067},
    {0x857e, 0x01f00533},
    {0x9002, 0x00100073},
    {0x9282, 0x000280e7},
    {0x912a, 0x00a10133},
    {0xa0a2, 0x04813027},
    {0xde2e, 0x02b12e23},
    {0xff86, 0x1e113c23},
};

TEST(ExpandCompressedTest, MatchesTheAssemblersExpansions) {
  for (const Pair& p : kPairs) EXPECT_EQ(ExpandCompressed(p.c), p.expanded) << std::hex << "c=0x" << p.c;
}

TEST(ExpandCompressedTest, ReservedEncodingsAreIllegal) {
  EXPECT_EQ(ExpandCompressed(0x0000), 0u);  // all zeros
  EXPECT_EQ(ExpandCompressed(0x4002), 0u);  // c.lwsp with rd = x0
  EXPECT_EQ(ExpandCompressed(0x8002), 0u);  // c.jr with rs1 = x0
  EXPECT_EQ(ExpandCompressed(0x6101), 0u);  // c.addi16sp with imm 0
}

class CoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mem_ = std::move(Memory::Create(1 << 20).value());
    core_ = std::make_unique<Rv64Core>(mem_.get());
  }
  void Load(const std::vector<uint32_t>& words) {
    ASSERT_TRUE(mem_->Write(Memory::kDramBase, words.data(), words.size() * 4));
    core_->Reset(Memory::kDramBase);
  }
  std::unique_ptr<Memory> mem_;
  std::unique_ptr<Rv64Core> core_;
};

TEST_F(CoreTest, CycleCsrCountsInstructionsRetiredBeforeIt) {
  Load({
      0xc0002573,  // rdcycle a0
      0x00100093,  // addi ra, x0, 1
      0x00100093,
      0x00100093,
      0xc00025f3,  // rdcycle a1
      0x0000006f,  // j .
  });
  core_->Step(5);
  EXPECT_EQ(core_->reg(10), 0u);
  EXPECT_EQ(core_->reg(11), 4u);
  EXPECT_EQ(core_->instret(), 5u);
}

TEST_F(CoreTest, TrapsEndTheStepAndDoNotRetire) {
  Load({
      0x00000013,  // nop
      0x00000073,  // ecall (mtvec = 0: traps to an unmapped address)
      0x00000013,
  });
  EXPECT_EQ(core_->Step(100), 1u);
  EXPECT_EQ(core_->attempted(), 2u);
  EXPECT_EQ(core_->traps(), 1u);
  EXPECT_EQ(core_->last_trap_cause(), 11u);  // ecall from M-mode
}

TEST_F(CoreTest, ASelfLoopIsOneSpikeLogLine) {
  Load({0x00000013, 0x0000006f});  // nop; j .
  core_->Step(1000);
  EXPECT_EQ(core_->attempted(), 1000u);
  EXPECT_EQ(core_->log_lines(), 2u);
}

TEST_F(CoreTest, DivisionEdgeCasesFollowTheSpec) {
  // a0 = INT64_MIN, a1 = -1, a2 = 0; a3 = a0 / a1, a4 = a0 % a1, a5 = a0 / a2, a6 = a0 % a2
  Load({
      0xfff0051b,  // addiw a0, x0, -1
      0x03f51513,  // slli a0, a0, 63
      0xfff00593,  // addi a1, x0, -1
      0x00000613,  // addi a2, x0, 0
      0x02b546b3,  // div a3, a0, a1
      0x02b56733,  // rem a4, a0, a1
      0x02c547b3,  // div a5, a0, a2
      0x02c56833,  // rem a6, a0, a2
  });
  core_->Step(8);
  EXPECT_EQ(core_->reg(13), 0x8000000000000000ULL);
  EXPECT_EQ(core_->reg(14), 0u);
  EXPECT_EQ(core_->reg(15), ~0ULL);
  EXPECT_EQ(core_->reg(16), 0x8000000000000000ULL);
}


TEST_F(CoreTest, AJalrToItselfIsOneSpikeLogLine) {
  Load({
      0x00000297,  // auipc t0, 0
      0x00828293,  // addi t0, t0, 8
      0x00028067,  // jr t0   (jumps to itself)
  });
  core_->Step(1000);
  EXPECT_EQ(core_->instret(), 1000u);
  EXPECT_EQ(core_->attempted(), 1000u);
  EXPECT_EQ(core_->log_lines(), 3u);
}

// The loop below runs `target` once, stores a new instruction over it and
// runs it again: the second pass must see the new instruction although the
// first one is in the pre-decoded cache (no fence.i, as before the cache).
TEST_F(CoreTest, StoresOverCodeAreSeenByTheNextFetch) {
  Load({
      0x00000297,  // auipc t0, 0
      0x00000513,  // li a0, 0
      0x00200593,  // li a1, 2
      0x00150513,  // target: addi a0, a0, 1
      0x0242a303,  // lw t1, 36(t0)
      0x0062a623,  // sw t1, 12(t0)     (over target)
      0xfff58593,  // addi a1, a1, -1
      0xfe0598e3,  // bnez a1, target
      0x0000006f,  // j .
      0x06450513,  // data: addi a0, a0, 100
  });
  core_->Step(100);
  EXPECT_EQ(core_->reg(10), 101u);
  EXPECT_EQ(core_->instret(), 100u);
}

TEST_F(CoreTest, HalfwordStoresOverCompressedCodeAreSeenByTheNextFetch) {
  Load({
      0x00000297,  // auipc t0, 0
      0x00000513,  // li a0, 0
      0x00200593,  // li a1, 2
      0x00010505,  // target: c.addi a0, 1; c.nop
      0x02429303,  // lh t1, 36(t0)
      0x00629623,  // sh t1, 12(t0)     (over c.addi only)
      0xfff58593,  // addi a1, a1, -1
      0xfe0598e3,  // bnez a1, target
      0x0000006f,  // j .
      0x00010551,  // data: c.addi a0, 20; c.nop
  });
  core_->Step(100);
  EXPECT_EQ(core_->reg(10), 21u);
  EXPECT_EQ(core_->attempted(), 100u);
}

const std::vector<uint32_t> kCountingLoop = {
    0x00000513,  // li a0, 0
    0x00a00593,  // li a1, 10
    0x00350513,  // loop: addi a0, a0, 3
    0xfff58593,  // addi a1, a1, -1
    0xfe059ce3,  // bnez a1, loop
    0x0000006f,  // j .
};

TEST_F(CoreTest, StepStopsAfterExactlyNInstructionsAndResumes) {
  Load(kCountingLoop);
  EXPECT_EQ(core_->Step(17), 17u);  // 2 + 5 whole iterations
  EXPECT_EQ(core_->reg(10), 15u);
  EXPECT_EQ(core_->pc(), Memory::kDramBase + 8);
  EXPECT_EQ(core_->Step(4), 4u);    // into the next iteration
  EXPECT_EQ(core_->reg(10), 21u);
  EXPECT_EQ(core_->pc(), Memory::kDramBase + 12);
  EXPECT_EQ(core_->log_lines(), 21u);
}

TEST_F(CoreTest, TheWatchRunsBeforeEveryArrivalAtItsPc) {
  Load(kCountingLoop);
  std::vector<uint64_t> seen;
  core_->Watch(Memory::kDramBase + 8, [&] {
    seen.push_back(core_->instret());
    if (core_->pc() == Memory::kDramBase + 20) core_->Halt();
    else if (seen.size() == 10) core_->MoveWatch(Memory::kDramBase + 20);  // the final `j .`
  });
  EXPECT_EQ(core_->Step(1000), 32u);
  ASSERT_EQ(seen.size(), 11u);
  for (size_t k = 0; k < 10; ++k) EXPECT_EQ(seen[k], 2 + 3 * k);
  EXPECT_EQ(seen[10], 32u);
  EXPECT_EQ(core_->reg(10), 30u);
}

// fflags accrue lazily from the host's flags; CSR reads and writes must see
// exactly the flags of the operations before them, also across Steps.
const std::vector<uint32_t> kFpFlags = {
    0x000062b7,  // lui t0, 0x6
    0x3002a073,  // csrs mstatus, t0   (FS on)
    0x00305073,  // csrwi fcsr, 0
    0x00100313,  // li t1, 1
    0xd22370d3,  // fcvt.d.l f1, t1
    0xd2207153,  // fcvt.d.l f2, x0
    0x1a20f1d3,  // fdiv.d f3, f1, f2  (1/0: DZ)
    0x00300313,  // li t1, 3
    0xd2237253,  // fcvt.d.l f4, t1
    0x1a40f2d3,  // fdiv.d f5, f1, f4  (1/3: NX)
    0x00102573,  // frflags a0
    0x00101073,  // fsflags x0
    0x001025f3,  // frflags a1
    0x0210f353,  // fadd.d f6, f1, f1  (exact)
    0x00102673,  // frflags a2
    0x0000006f,  // j .
};

TEST_F(CoreTest, FloatingPointFlagsAccrueAndClearExactly) {
  Load(kFpFlags);
  core_->Step(100);
  EXPECT_EQ(core_->reg(10), 9u);  // DZ | NX
  EXPECT_EQ(core_->reg(11), 0u);
  EXPECT_EQ(core_->reg(12), 0u);
}

TEST_F(CoreTest, FloatingPointFlagsSurviveAStepBoundary) {
  Load(kFpFlags);
  EXPECT_EQ(core_->Step(7), 7u);  // stops right after 1/0
  volatile double zero = 0.0;
  volatile double host = zero / zero;  // host code between Steps raises its own flag (invalid)
  (void)host;
  core_->Step(100);
  EXPECT_EQ(core_->reg(10), 9u);
  EXPECT_EQ(core_->reg(11), 0u);
  EXPECT_EQ(core_->reg(12), 0u);
}

// RISC-V (and Spike's softfloat) signal invalid for inf * 0 + qNaN; the
// host's FMA instruction does not, so the FPU adds the flag itself.
TEST_F(CoreTest, FusedMultiplyAddOfInfinityTimesZeroIsInvalidEvenWithAQuietNanAddend) {
  Load({
      0x000062b7,  // lui t0, 0x6
      0x3002a073,  // csrs mstatus, t0
      0x00305073,  // csrwi fcsr, 0
      0x7ff00313,  // li t1, 0x7ff
      0x03431313,  // slli t1, t1, 52     (+inf)
      0xf20300d3,  // fmv.d.x f1, t1
      0xf2000153,  // fmv.d.x f2, x0      (+0)
      0x000013b7,  // lui t2, 1
      0xfff3839b,  // addiw t2, t2, -1
      0x03339393,  // slli t2, t2, 51     (quiet NaN)
      0xf20381d3,  // fmv.d.x f3, t2
      0x1a20f243,  // fmadd.d f4, f1, f2, f3
      0x00102573,  // frflags a0
      0xe20205d3,  // fmv.x.d a1, f4
      0x0000006f,  // j .
  });
  core_->Step(100);
  EXPECT_EQ(core_->reg(10), 16u);                     // NV
  EXPECT_EQ(core_->reg(11), 0x7ff8000000000000ULL);   // the canonical NaN
}

}  // namespace
}  // namespace autocomp::gemmini
