// backends/gemmini/model/cache_model.cc — the tag-only LRU cache of the
// cycle model (cache_model.h).
#include "model/cache_model.h"

#include <cstddef>

namespace autocomp::gemmini {
namespace {

constexpr uint64_t kEmpty = ~0ULL;

}  // namespace

CacheModel::CacheModel(uint64_t bytes, int ways, int line_bytes) : ways_(ways), line_bytes_(line_bytes) {
  while ((1 << line_shift_) < line_bytes_) ++line_shift_;
  if (bytes == 0 || ways <= 0) return;
  sets_ = bytes / uint64_t(line_bytes_) / uint64_t(ways_);
  if (sets_ == 0) sets_ = 1;
  tags_.assign(sets_ * uint64_t(ways_), kEmpty);
  dirty_.assign(tags_.size(), 0);
}

CacheModel::Outcome CacheModel::Access(uint64_t addr, bool write) {
  Outcome out;
  if (sets_ == 0) {
    ++misses_;
    return out;
  }
  const uint64_t line = addr >> line_shift_;
  const size_t base = size_t((line % sets_) * uint64_t(ways_));
  uint64_t* tags = &tags_[base];
  uint8_t* dirty = &dirty_[base];
  int way = 0;
  while (way < ways_ && tags[way] != line) ++way;
  bool was_dirty = false;
  if (way < ways_) {
    out.hit = true;
    ++hits_;
    was_dirty = dirty[way] != 0;
  } else {
    ++misses_;
    way = ways_ - 1;  // the least recently used goes
    if (tags[way] != kEmpty && dirty[way]) {
      out.wrote_back = true;
      out.victim_line = tags[way];
    }
  }
  // Move to the front.
  for (int w = way; w > 0; --w) {
    tags[w] = tags[w - 1];
    dirty[w] = dirty[w - 1];
  }
  tags[0] = line;
  dirty[0] = uint8_t(write || was_dirty);
  return out;
}

}  // namespace autocomp::gemmini
