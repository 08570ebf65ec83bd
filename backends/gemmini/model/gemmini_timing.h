// backends/gemmini/model/gemmini_timing.h
//
// A cycle ESTIMATE for Gemmini programs: not a measurement, not RTL. It
// follows the decoupled access/execute structure of the accelerator:
//
//   - The CPU retires one instruction per cycle (as Spike counts) and hands
//     Gemmini instructions to a command stream; it stalls only when the
//     queue the command needs is full, or at a RISC-V FENCE, which (as on
//     Rocket) waits until Gemmini is idle.
//   - Three controllers run in parallel, each in order: load (mvin), execute
//     (preload/compute) and store (mvout), with queue depths kLoadQueue,
//     kExecQueue, kStoreQueue.
//   - The DMA moves kDmaBytesPerCycle bytes per cycle after kDmaLatency
//     cycles; mvin and mvout of the same direction pipeline behind each
//     other.
//   - preload shifts DIM weight rows in (DIM cycles); compute streams its A
//     rows through the array (max(rows, 1) cycles) and its results land
//     kFillDrain(DIM) cycles later (array fill and drain).
//   - Dependencies go through scratchpad and accumulator rows: a command
//     starts after the last writer of every row it reads (and the last
//     reader and writer of every row it writes) has finished.
//   - loop_ws / loop_conv_ws are unrolled into the same primitive commands,
//     one per cycle, without stalling the CPU.
//
// Parameters are documented in docs/gemmini.md. Thread-safety: none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace autocomp::gemmini {

struct RowRange {
  bool accumulator = false;
  uint32_t first = 0;
  uint32_t count = 0;
};

class TimingModel {
 public:
  static constexpr int kLoadQueue = 8, kExecQueue = 16, kStoreQueue = 4;
  static constexpr int kRoccQueue = 16;  // CPU-side command queue, in instructions
  static constexpr int kDmaBytesPerCycle = 16;
  static constexpr int kDmaLatency = 40;

  TimingModel(int dim, int sp_rows, int acc_rows);

  // Called before each CPU-issued Gemmini instruction.
  void BeginInstruction(uint64_t retired_before, bool is_loop);
  void EndInstruction();

  void Load(const std::vector<RowRange>& writes, uint64_t bytes);
  void Store(const std::vector<RowRange>& reads, uint64_t bytes);
  void Preload(const std::vector<RowRange>& reads);
  void Compute(const std::vector<RowRange>& reads, const std::vector<RowRange>& writes, int rows);
  void Fence(uint64_t retired_before);

  // Estimated cycle count at the point where `retired` instructions have
  // retired: retired + CPU stall cycles so far.
  uint64_t EstimateAt(uint64_t retired) const { return retired + stall_cycles_; }
  // When all Gemmini work issued so far completes, in estimated cycles.
  uint64_t DrainTime() const;
  uint64_t stall_cycles() const { return stall_cycles_; }

 private:
  enum Queue { kLoad = 0, kExec = 1, kStore = 2 };
  struct QueueState {
    int depth;
    std::vector<uint64_t> finishes;  // ring of the last `depth` finish times
    size_t next = 0;
    uint64_t busy_until = 0;        // when the unit can start the next command
    uint64_t last_finish = 0;
  };
  uint64_t Enqueue(Queue q);
  uint64_t ReadyAfter(const std::vector<RowRange>& reads, const std::vector<RowRange>& writes) const;
  void Retire(Queue q, uint64_t finish, const std::vector<RowRange>& reads, const std::vector<RowRange>& writes);

  int dim_;
  uint64_t now_ = 0;           // CPU time of the current instruction
  uint64_t stream_ = 0;        // time the command stream last handed out a command
  std::vector<uint64_t> rocc_ring_;  // when each of the last kRoccQueue instructions left the queue
  size_t rocc_next_ = 0;
  bool in_loop_ = false;
  uint64_t stall_cycles_ = 0;
  QueueState queues_[3];
  std::vector<uint64_t> sp_write_, sp_read_, acc_write_, acc_read_;
};

}  // namespace autocomp::gemmini
