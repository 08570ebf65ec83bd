// backends/gemmini/model/core_timing.cc — L1 misses of the scalar core's
// part of the cycle model (core_timing.h).
#include "model/core_timing.h"

#include "model/gemmini_dma_timing.h"

namespace autocomp::gemmini {

CoreTiming::CoreTiming(const GemminiHardware& hw, MemoryTiming* memory, uint64_t* stall)
    : hw_(hw), memory_(memory), stall_(stall), l1i_(uint64_t(hw.l1i_bytes), hw.l1_ways, hw.line_bytes),
      l1d_(uint64_t(hw.l1d_bytes), hw.l1_ways, hw.line_bytes), bht_(size_t(hw.bht_entries), 1),
      bht_mask_(uint64_t(hw.bht_entries) - 1) {
  while ((1 << line_shift_) < hw.line_bytes) ++line_shift_;
}

uint64_t CoreTiming::FetchLine(uint64_t pc, uint64_t now) {
  if (l1i_.Access(pc, false).hit) return 0;
  return memory_->Access(pc, now, false);
}

uint64_t CoreTiming::DataLine(uint64_t addr, bool write, uint64_t now) {
  const CacheModel::Outcome o = l1d_.Access(addr, write);
  if (o.wrote_back) memory_->Access(o.victim_line << line_shift_, now, true);
  if (o.hit) return 0;
  // Write-allocate: a store miss fetches the line as a load miss does.
  return memory_->Access(addr, now, false);
}

}  // namespace autocomp::gemmini
