// backends/gemmini/model/cache_model.h
//
// A set-associative cache of line addresses with LRU replacement and dirty
// bits, for the cycle model's caches (the core's L1s, the shared L2, the
// memory model's LLC). It keeps tags only, never data. Thread-safety: none.
#pragma once

#include <cstdint>
#include <vector>

namespace autocomp::gemmini {

class CacheModel {
 public:
  // `bytes` == 0 makes a cache that never hits.
  CacheModel(uint64_t bytes, int ways, int line_bytes);

  struct Outcome {
    bool hit = false;
    bool wrote_back = false;     // a dirty line was evicted to make room
    uint64_t victim_line = 0;    // its line address (byte address / line)
  };
  // Looks up the line holding `addr`, allocates it on a miss, marks it dirty
  // on a write, and makes it the most recently used.
  Outcome Access(uint64_t addr, bool write);
  bool enabled() const { return sets_ > 0; }
  int line_bytes() const { return line_bytes_; }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  uint64_t sets_ = 0;
  int ways_ = 1, line_bytes_ = 64, line_shift_ = 6;
  std::vector<uint64_t> tags_;      // sets_ * ways_, most recent first; kEmpty when unused
  std::vector<uint8_t> dirty_;
  uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace autocomp::gemmini
