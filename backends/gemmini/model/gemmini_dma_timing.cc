// backends/gemmini/model/gemmini_dma_timing.cc — the DMA and memory-system
// part of the cycle model (gemmini_dma_timing.h).
#include "model/gemmini_dma_timing.h"

#include <algorithm>

namespace autocomp::gemmini {

MemoryTiming::MemoryTiming(const GemminiHardware& hw)
    : hw_(hw), l2_(uint64_t(hw.l2_bytes), hw.l2_ways, hw.line_bytes),
      llc_(hw.memory == MemoryModel::kDdr3FrFcfsLlc ? uint64_t(hw.llc_bytes) : 0, hw.llc_ways, hw.line_bytes),
      open_row_(size_t(hw.dram_banks), -1) {
  for (auto& ring : pipe_ring_) ring.assign(size_t(std::max(1, hw.pipe_outstanding)), 0);
}

uint64_t MemoryTiming::Access(uint64_t addr, uint64_t t, bool write) {
  const CacheModel::Outcome o = l2_.Access(addr, write);
  if (o.wrote_back) Behind(o.victim_line * uint64_t(hw_.line_bytes), t, true);
  const uint64_t latency = uint64_t(hw_.l2_hit_latency);
  // A write allocates without fetching (Gemmini writes whole rows).
  if (o.hit || write) return latency;
  return latency + Behind(addr, t + latency, false);
}

uint64_t MemoryTiming::ChannelSlot(uint64_t t) {
  if (hw_.memory_bytes_per_cycle <= 0) return t;
  constexpr uint64_t kWindow = 64;
  const double capacity = hw_.memory_bytes_per_cycle * double(kWindow);
  const double line = double(hw_.line_bytes);
  uint64_t w = t / kWindow;
  for (;;) {
    double& booked = channel_bytes_[w];
    if (booked + line <= capacity || booked == 0) {
      booked += line;
      return std::max(t, w * kWindow);
    }
    ++w;
  }
}

uint64_t MemoryTiming::Behind(uint64_t addr, uint64_t t, bool write) {
  const uint64_t slot = ChannelSlot(t);
  return slot - t + BehindLatency(addr, slot, write);
}

uint64_t MemoryTiming::BehindLatency(uint64_t addr, uint64_t t, bool write) {
  if (hw_.memory == MemoryModel::kLatencyBandwidthPipe) {
    auto& ring = pipe_ring_[write ? 1 : 0];
    size_t& next = pipe_next_[write ? 1 : 0];
    uint64_t& slot = ring[next];
    next = (next + 1) % ring.size();
    const uint64_t enter = std::max(t, slot);
    slot = enter + uint64_t(hw_.pipe_latency);
    return slot - t;
  }
  uint64_t latency = uint64_t(hw_.llc_hit_latency);
  const CacheModel::Outcome o = llc_.Access(addr, write);
  if (!o.hit && !write) {
    const uint64_t row = addr / uint64_t(hw_.dram_row_bytes);
    int64_t& open = open_row_[row % open_row_.size()];
    latency += uint64_t(int64_t(row) == open ? hw_.dram_row_hit_latency : hw_.dram_row_miss_latency);
    open = int64_t(row);
  }
  return latency;
}

DmaTiming::DmaTiming(const GemminiHardware& hw, MemoryTiming* memory) : hw_(hw), memory_(memory) {
  dir_[0].in_flight.assign(size_t(hw.dma_reads_in_flight), 0);
  dir_[1].in_flight.assign(size_t(hw.dma_writes_in_flight), 0);
}

uint64_t DmaTiming::Translate(uint64_t addr, uint64_t t) {
  const uint64_t page = addr >> 12;
  auto it = std::find(tlb_.begin(), tlb_.end(), page);
  const bool hit = it != tlb_.end();
  if (hit) tlb_.erase(it);
  tlb_.insert(tlb_.begin(), page);
  if (tlb_.size() > size_t(hw_.tlb_entries)) tlb_.pop_back();
  return hit ? t : t + uint64_t(hw_.tlb_miss_cycles);
}

DmaTiming::Span DmaTiming::Move(const Transfer& x, uint64_t start, bool write) {
  Direction& d = dir_[write ? 1 : 0];
  const uint64_t req = uint64_t(hw_.dma_request_bytes), beat = uint64_t(hw_.dma_beat_bytes);
  const uint64_t fabric = uint64_t(hw_.dma_fabric_latency);
  Span span{start, start};
  uint64_t t = std::max(start, d.issue_free);
  for (uint64_t r = 0; r < x.rows; ++r) {
    uint64_t addr = x.dram_addr + r * x.stride;
    uint64_t left = x.row_bytes;
    while (left > 0) {
      const uint64_t chunk = std::min(left, req - addr % req);
      const uint64_t beats = (chunk + beat - 1) / beat;
      uint64_t& slot = d.in_flight[d.next];
      d.next = (d.next + 1) % d.in_flight.size();
      t = Translate(addr, std::max(t, slot));
      uint64_t done;
      if (write) {
        // The data goes out on the bus, then the acknowledgement comes back.
        const uint64_t out = std::max(t, d.bus_free);
        d.bus_free = out + beats;
        done = d.bus_free + fabric + memory_->Access(addr, d.bus_free + fabric, true) + fabric;
      } else {
        const uint64_t arrive = t + fabric + memory_->Access(addr, t + fabric, false) + fabric;
        const uint64_t data = std::max(arrive, d.bus_free);
        d.bus_free = data + beats;
        done = d.bus_free;
      }
      slot = done;
      span.issued = t + 1;
      span.done = std::max(span.done, done);
      ++requests_;
      ++t;
      addr += chunk;
      left -= chunk;
    }
  }
  d.issue_free = std::max(d.issue_free, span.issued);
  last_done_ = std::max(last_done_, span.done);
  return span;
}

}  // namespace autocomp::gemmini
