// tests/gemmini/gemmini_timing_test.cc — the cycle model's mechanisms, one
// at a time, on the TimingModel directly: the array streams a compute per
// DIM cycles, new weights hold the mesh for the preload, narrow DMA requests
// are latency-bound, dependencies wait, fences drain, two loop_ws overlap,
// caches and branches cost what they say; and the hardware parameters are
// checked with errors naming the key.
#include <gtest/gtest.h>

#include "model/cache_model.h"
#include "model/gemmini_hardware.h"
#include "model/gemmini_timing.h"

namespace autocomp::gemmini {
namespace {

constexpr int kDim = 16;

// The default SoC with the int8 configuration's capacities filled in.
GemminiHardware DefaultInt8() {
  GemminiConfig cfg = GemminiConfig::Int8();
  GemminiHardware hw = GemminiHardware::Default();
  EXPECT_TRUE(hw.Resolve(&cfg).ok());
  return hw;
}

TimingModel::ExecOp Compute(uint32_t a_row, uint32_t acc_row, uint32_t weight_row, bool new_weights) {
  TimingModel::ExecOp op;
  op.a_reads.push_back({false, a_row, kDim});
  op.a_rows = kDim;
  op.preload = true;
  if (new_weights) {
    op.weight_reads.push_back({false, weight_row, kDim});
    op.weight_rows = kDim;
  }
  op.writes.push_back({true, acc_row, kDim});
  return op;
}

// Issues one CPU Gemmini instruction per call at instruction count `*retired`.
template <class F>
void Issue(TimingModel& t, uint64_t* retired, F&& body) {
  t.BeginInstruction((*retired)++, TimingModel::Kind::kPlain);
  body();
  t.EndInstruction();
}

TEST(GemminiTiming, ComputesStreamOnePerDimCycles) {
  const GemminiHardware resolved = DefaultInt8();
  TimingModel t(resolved, kDim, 1, 4);
  uint64_t retired = 0;
  const int n = 256;
  for (int i = 0; i < n; ++i) {
    Issue(t, &retired, [&] { t.Execute(Compute(0, uint32_t((i % 32) * kDim), 4096, i % 8 == 0)); });
  }
  const uint64_t drain = t.DrainTime();
  // n computes of DIM rows and n/8 preloads of new weights keep the array
  // busy back to back; the pipeline's depth is paid once.
  const uint64_t busy = uint64_t(n * kDim + n / 8 * resolved.preload_cycles);
  EXPECT_GE(drain, busy);
  EXPECT_LE(drain, busy + 200);
}

TEST(GemminiTiming, NewWeightsHoldTheMeshForThePreload) {
  const GemminiHardware hw = DefaultInt8();
  auto run = [&](int reuse) {
    TimingModel t(hw, kDim, 1, 4);
    uint64_t retired = 0;
    for (int i = 0; i < 64; ++i) Issue(t, &retired, [&] { t.Execute(Compute(0, 0, 4096, i % reuse == 0)); });
    return t.DrainTime();
  };
  const uint64_t every = run(1), every_fourth = run(4);
  // 64 computes of 16 rows; each new set of weights adds the preload's cycles.
  EXPECT_EQ(every - every_fourth, uint64_t(48 * hw.preload_cycles));
  EXPECT_GE(every_fourth, uint64_t(64 * kDim + 16 * hw.preload_cycles));
}

TEST(GemminiTiming, NarrowRequestsAreLatencyBound) {
  const GemminiHardware hw = DefaultInt8();
  // The same 16 KiB moved in as 16-byte rows (one block per mvin) or as
  // 64-byte rows (four blocks per mvin).
  auto run = [&](uint64_t row_bytes) {
    TimingModel t(hw, kDim, 1, 4);
    uint64_t retired = 0;
    const uint64_t mvins = 16384 / (row_bytes * kDim);
    for (uint64_t m = 0; m < mvins; ++m) {
      Issue(t, &retired, [&] {
        TimingModel::LoadOp op;
        op.rows = kDim;
        op.writes.push_back({false, uint32_t((m * kDim) % 8192), uint32_t(kDim)});
        op.dram = {0x80100000 + m * kDim * row_bytes, kDim, row_bytes, row_bytes};
        t.Load(op);
      });
    }
    return t.DrainTime();
  };
  const uint64_t narrow = run(16), wide = run(64);
  EXPECT_GT(narrow, wide * 2) << "16 requests in flight carry four times the bytes when each is 64 bytes";
  EXPECT_GE(wide, uint64_t(16384 / hw.dma_beat_bytes)) << "no faster than the bus";
}

TEST(GemminiTiming, ComputeWaitsForItsLoadAndFenceDrains) {
  const GemminiHardware hw = DefaultInt8();
  TimingModel t(hw, kDim, 1, 4);
  uint64_t retired = 0;
  Issue(t, &retired, [&] {
    TimingModel::LoadOp op;
    op.rows = kDim;
    op.writes.push_back({false, 0, kDim});
    op.dram = {0x80200000, kDim, 16, 16};
    t.Load(op);
  });
  const uint64_t load_done = t.DrainTime();
  EXPECT_GT(load_done, uint64_t(hw.l2_hit_latency + 2 * hw.dma_fabric_latency));
  Issue(t, &retired, [&] { t.Execute(Compute(0, 0, 4096, false)); });
  EXPECT_GE(t.DrainTime(), load_done + kDim + 2 * kDim) << "the compute reads rows the load writes";
  const uint64_t before = t.EstimateAt(retired);
  t.Fence(retired);
  EXPECT_EQ(t.EstimateAt(retired), std::max(before, t.DrainTime())) << "a fence waits until Gemmini is idle";
}

TEST(GemminiTiming, TwoLoopsOverlapInTheUnroller) {
  const GemminiHardware hw = DefaultInt8();
  auto loop = [](uint64_t a) {
    TimingModel::LoopWsOp op;
    op.I = 4; op.J = 4; op.K = 16;
    op.A = a; op.B = a + 0x100000; op.C = a + 0x200000;
    op.stride_A = 256; op.stride_B = 64; op.stride_C = 64;
    return op;
  };
  auto run = [&](int loops) {
    TimingModel t(hw, kDim, 1, 4);
    uint64_t retired = 0;
    for (int i = 0; i < loops; ++i) {
      t.BeginInstruction(retired++, TimingModel::Kind::kLoop);
      t.LoopWs(loop(0x80400000 + uint64_t(i) * 0x400000));
      t.EndInstruction();
    }
    return t.DrainTime();
  };
  const uint64_t one = run(1), two = run(2);
  EXPECT_GE(one, uint64_t(4 * 4 * 16 * kDim)) << "256 computes of 16 rows";
  EXPECT_LT(two, 2 * one - 500) << "the second loop's loads run under the first loop's computes";
}

TEST(GemminiTiming, CachesAndBranchesCost) {
  const GemminiHardware hw = DefaultInt8();
  TimingModel t(hw, kDim, 1, 4);
  CoreTiming& core = t.core();
  auto cost = [&](auto&& event) {
    const uint64_t before = t.stall_cycles();
    event();
    return t.stall_cycles() - before;
  };
  EXPECT_GT(cost([&] { core.Fetch(0x80000000, 0); }), 0u) << "a cold instruction line misses";
  EXPECT_EQ(cost([&] { core.Fetch(0x80000004, 1); }), 0u) << "the same line";
  EXPECT_GT(cost([&] { core.Data(0x80100000, false, 2); }), 0u);
  EXPECT_EQ(cost([&] { core.Data(0x80100008, false, 3); }), 0u);
  uint64_t mispredicts = 0;
  for (int i = 0; i < 100; ++i) mispredicts += cost([&] { core.Branch(0x80000100, i != 99); }) > 0 ? 1 : 0;
  EXPECT_LE(mispredicts, 3u) << "a loop's back edge is predicted after it warms up";
  EXPECT_EQ(core.divide_extra(), uint64_t(hw.div_latency - 1));
  EXPECT_EQ(cost([&] { core.LoadUse(); }), uint64_t(hw.load_use_penalty));
}

TEST(GemminiTiming, CacheModelEvictsLeastRecentlyUsed) {
  CacheModel c(2 * 64, 2, 64);  // one set of two ways
  EXPECT_FALSE(c.Access(0, true).hit);
  EXPECT_FALSE(c.Access(64, false).hit);
  EXPECT_TRUE(c.Access(0, false).hit);
  const CacheModel::Outcome o = c.Access(128, false);  // evicts line 1 (clean)
  EXPECT_FALSE(o.hit);
  EXPECT_FALSE(o.wrote_back);
  const CacheModel::Outcome dirty = c.Access(192, false);  // evicts line 0, written
  EXPECT_TRUE(dirty.wrote_back);
  EXPECT_EQ(dirty.victim_line, 0u);
}

TEST(GemminiHardware, OptionsAreCheckedAndNamed) {
  auto ok = GemminiHardware::FromJson(nlohmann::json{{"preset", "lean"}, {"acc_rows", 3136}}, "c.json: backend_options.hardware");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->memory, MemoryModel::kLatencyBandwidthPipe);
  EXPECT_EQ(ok->dma_reads_in_flight, 64);
  auto unknown = GemminiHardware::FromJson(nlohmann::json{{"dimm", 8}}, "c.json: backend_options.hardware");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("c.json: backend_options.hardware.dimm: unknown"), std::string::npos);
  auto negative = GemminiHardware::FromJson(nlohmann::json{{"rs_ld", -1}}, "h");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("h.rs_ld"), std::string::npos);
  auto text = GemminiHardware::FromJson(nlohmann::json{{"memory", "hbm"}}, "h");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("h.memory"), std::string::npos);
  // A 196 KiB accumulator (3136 rows of 64 bytes) in 2 banks is a published
  // configuration; 3137 rows do not split into 2 banks.
  GemminiConfig cfg = GemminiConfig::Int8();
  GemminiHardware big = *ok;
  ASSERT_TRUE(big.Resolve(&cfg).ok());
  EXPECT_EQ(cfg.acc_rows, 3136) << "the functional model takes the configured capacity";
  GemminiHardware odd = GemminiHardware::Default();
  odd.acc_rows = 3137;
  cfg = GemminiConfig::Int8();
  EXPECT_FALSE(odd.Resolve(&cfg).ok());
  GemminiHardware narrow = GemminiHardware::Default();
  narrow.dma_request_bytes = 8;
  cfg = GemminiConfig::Int8();
  EXPECT_FALSE(narrow.Resolve(&cfg).ok()) << "a request must carry a row of DIM elements";
}

}  // namespace
}  // namespace autocomp::gemmini
