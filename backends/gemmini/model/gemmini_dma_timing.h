// backends/gemmini/model/gemmini_dma_timing.h
//
// Timing of Gemmini's DMA and the memory behind it (part of the cycle
// model, an estimate). A transfer is split the way Gemmini's DMA splits it:
// each row into requests of at most `dma_request_bytes` that do not cross a
// request-size boundary; each request takes one cycle to issue, waits for a
// free slot among the requests in flight in its direction, passes the TLB
// (4 entries, LRU over 4 KiB pages), crosses the system bus, and its data
// occupies the bus for ceil(bytes / beat) cycles.
//
// MemoryTiming is the memory system both the DMA and the core's L1 misses
// reach: the shared L2 (hit latency), and behind it the selected model:
//   - latency-bandwidth pipe: a fixed latency, at most `pipe_outstanding`
//     reads and as many writes inside the memory at once (FASED limits the
//     two separately);
//   - DDR3 FR-FCFS with a last-level cache: an LLC hit costs its latency;
//     a miss adds the DRAM latency of a row-buffer hit or miss (one open
//     row per bank).
// Either way, every line that crosses below the L2 takes its share of the
// memory channel's bandwidth (`memory_bytes_per_cycle`).
// Every cache starts empty: a program's data are in DRAM until touched.
// Thread-safety: none.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "model/cache_model.h"
#include "model/gemmini_hardware.h"

namespace autocomp::gemmini {

class MemoryTiming {
 public:
  explicit MemoryTiming(const GemminiHardware& hw);
  // Cycles from a request reaching the L2 at `t` to its data (or ack).
  uint64_t Access(uint64_t addr, uint64_t t, bool write);

 private:
  uint64_t Behind(uint64_t addr, uint64_t t, bool write);  // below the L2
  // When a line entering the memory channel at `t` gets its turn: the
  // channel carries `memory_bytes_per_cycle`, booked in windows of time so
  // that requests may be booked out of time order.
  uint64_t ChannelSlot(uint64_t t);
  uint64_t BehindLatency(uint64_t addr, uint64_t t, bool write);
  const GemminiHardware& hw_;
  std::unordered_map<uint64_t, double> channel_bytes_;  // window -> bytes booked
  CacheModel l2_, llc_;
  std::vector<uint64_t> pipe_ring_[2];  // per direction: when each of the last requests left memory
  size_t pipe_next_[2] = {0, 0};
  std::vector<int64_t> open_row_;
};

class DmaTiming {
 public:
  DmaTiming(const GemminiHardware& hw, MemoryTiming* memory);

  struct Transfer {
    uint64_t dram_addr = 0;
    uint64_t rows = 0;
    uint64_t row_bytes = 0;
    uint64_t stride = 0;     // bytes between rows
  };
  struct Span {
    uint64_t issued = 0;     // the last request has been issued (the controller may go on)
    uint64_t done = 0;       // the last datum arrived (read) / was acknowledged (write)
  };
  // Reads `x` into Gemmini starting no earlier than `start`.
  Span Read(const Transfer& x, uint64_t start) { return Move(x, start, false); }
  // Writes from Gemmini to memory; `start` is when the first row's data is ready.
  Span Write(const Transfer& x, uint64_t start) { return Move(x, start, true); }
  uint64_t LastDone() const { return last_done_; }
  uint64_t requests() const { return requests_; }

 private:
  struct Direction {
    std::vector<uint64_t> in_flight;  // completion times, a ring
    size_t next = 0;
    uint64_t issue_free = 0;          // next cycle a request can issue
    uint64_t bus_free = 0;            // next cycle the data path is free
  };
  Span Move(const Transfer& x, uint64_t start, bool write);
  uint64_t Translate(uint64_t addr, uint64_t t);

  const GemminiHardware& hw_;
  MemoryTiming* memory_;
  Direction dir_[2];
  std::vector<uint64_t> tlb_;  // pages, most recent first
  uint64_t last_done_ = 0;
  uint64_t requests_ = 0;
};

}  // namespace autocomp::gemmini
