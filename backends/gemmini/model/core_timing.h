// backends/gemmini/model/core_timing.h
//
// The scalar core's part of the cycle model (an estimate): a Rocket-like
// in-order core retiring one instruction per cycle, plus
//   - instruction and data L1 misses (tag-only caches of GemminiHardware's
//     sizes), each costing the latency of the shared memory system
//     (MemoryTiming: the L2 Gemmini also uses, then DRAM);
//   - a load whose result the next instruction uses (load_use_penalty);
//   - mispredicted conditional branches (a 2-bit counter per pc slot);
//   - multiplies and divides (iterative units).
// The simulator's core reports these events; CoreTiming adds their cycles
// to the Gemmini timing model's clock, so CPU and accelerator time run on
// one clock. Thread-safety: none.
#pragma once

#include <cstdint>
#include <vector>

#include "model/cache_model.h"
#include "model/gemmini_hardware.h"

namespace autocomp::gemmini {

class MemoryTiming;

class CoreTiming {
 public:
  // `stall` is the timing model's count of cycles beyond one per retired
  // instruction: every event below adds its cost there.
  CoreTiming(const GemminiHardware& hw, MemoryTiming* memory, uint64_t* stall);

  // `retired` is the number of instructions retired before the event.
  void Fetch(uint64_t pc, uint64_t retired) {
    const uint64_t line = pc >> line_shift_;
    if (line == last_fetch_line_) return;
    last_fetch_line_ = line;
    *stall_ += FetchLine(pc, retired + *stall_);
  }
  void Data(uint64_t addr, bool write, uint64_t retired) {
    const uint64_t line = addr >> line_shift_;
    if (line == last_data_line_ && (!write || last_data_dirty_)) return;
    last_data_line_ = line;
    last_data_dirty_ = write;
    *stall_ += DataLine(addr, write, retired + *stall_);
  }
  void Branch(uint64_t pc, bool taken) {
    uint8_t& c = bht_[(pc >> 1) & bht_mask_];
    const bool predicted = c >= 2;
    if (taken && c < 3) ++c;
    if (!taken && c > 0) --c;
    if (predicted != taken) *stall_ += uint64_t(hw_.branch_penalty);
  }
  void LoadUse() { *stall_ += uint64_t(hw_.load_use_penalty); }
  void Extra(uint64_t cycles) { *stall_ += cycles; }
  uint64_t multiply_extra() const { return uint64_t(hw_.mul_latency - 1); }
  uint64_t divide_extra() const { return uint64_t(hw_.div_latency - 1); }

 private:
  uint64_t FetchLine(uint64_t pc, uint64_t now);
  uint64_t DataLine(uint64_t addr, bool write, uint64_t now);

  const GemminiHardware& hw_;
  MemoryTiming* memory_;
  uint64_t* stall_;
  CacheModel l1i_, l1d_;
  int line_shift_ = 6;
  uint64_t last_fetch_line_ = ~0ULL, last_data_line_ = ~0ULL;
  bool last_data_dirty_ = false;
  std::vector<uint8_t> bht_;
  uint64_t bht_mask_ = 0;
};

}  // namespace autocomp::gemmini
