// backends/gemmini/model/gemmini_timing.cc — the cycle estimate described
// in gemmini_timing.h. Every number here is a model parameter, not a
// measurement; docs/gemmini.md lists them.
#include "model/gemmini_timing.h"

#include <algorithm>

namespace autocomp::gemmini {

TimingModel::TimingModel(int dim, int sp_rows, int acc_rows)
    : dim_(dim), rocc_ring_(kRoccQueue, 0),
      sp_write_(sp_rows, 0), sp_read_(sp_rows, 0), acc_write_(acc_rows, 0), acc_read_(acc_rows, 0) {
  const int depths[3] = {kLoadQueue, kExecQueue, kStoreQueue};
  for (int q = 0; q < 3; ++q) {
    queues_[q].depth = depths[q];
    queues_[q].finishes.assign(depths[q], 0);
  }
}

void TimingModel::BeginInstruction(uint64_t retired_before, bool is_loop) {
  now_ = retired_before + stall_cycles_;
  // The CPU waits while the RoCC command queue is full: the instruction
  // issued kRoccQueue instructions ago must have been handed on.
  uint64_t oldest = rocc_ring_[rocc_next_];
  if (oldest > now_) {
    stall_cycles_ += oldest - now_;
    now_ = oldest;
  }
  in_loop_ = is_loop;
  stream_ = std::max(stream_, now_);
}

void TimingModel::EndInstruction() {
  rocc_ring_[rocc_next_] = stream_;
  rocc_next_ = (rocc_next_ + 1) % rocc_ring_.size();
}

uint64_t TimingModel::Enqueue(Queue q) {
  QueueState& s = queues_[q];
  // Commands leave the stream in order, one per cycle; a full controller
  // queue holds the stream until its oldest entry completes.
  uint64_t t = std::max(stream_ + (in_loop_ ? 1 : 0), now_);
  t = std::max(t, s.finishes[s.next]);
  stream_ = t;
  return t;
}

uint64_t TimingModel::ReadyAfter(const std::vector<RowRange>& reads, const std::vector<RowRange>& writes) const {
  uint64_t ready = 0;
  auto scan = [&](const RowRange& r, bool write) {
    const auto& wr = r.accumulator ? acc_write_ : sp_write_;
    const auto& rd = r.accumulator ? acc_read_ : sp_read_;
    uint64_t end = std::min<uint64_t>(uint64_t(r.first) + r.count, wr.size());
    for (uint64_t row = r.first; row < end; ++row) {
      ready = std::max(ready, wr[row]);
      if (write) ready = std::max(ready, rd[row]);
    }
  };
  for (const auto& r : reads) scan(r, false);
  for (const auto& r : writes) scan(r, true);
  return ready;
}

void TimingModel::Retire(Queue q, uint64_t finish, const std::vector<RowRange>& reads,
                         const std::vector<RowRange>& writes) {
  QueueState& s = queues_[q];
  s.finishes[s.next] = finish;
  s.next = (s.next + 1) % s.finishes.size();
  s.last_finish = std::max(s.last_finish, finish);
  auto mark = [&](const RowRange& r, std::vector<uint64_t>& v) {
    uint64_t end = std::min<uint64_t>(uint64_t(r.first) + r.count, v.size());
    for (uint64_t row = r.first; row < end; ++row) v[row] = std::max(v[row], finish);
  };
  for (const auto& r : reads) mark(r, r.accumulator ? acc_read_ : sp_read_);
  for (const auto& r : writes) mark(r, r.accumulator ? acc_write_ : sp_write_);
}

void TimingModel::Load(const std::vector<RowRange>& writes, uint64_t bytes) {
  uint64_t t = Enqueue(kLoad);
  uint64_t transfer = (bytes + kDmaBytesPerCycle - 1) / kDmaBytesPerCycle;
  uint64_t start = std::max({t, ReadyAfter({}, writes), queues_[kLoad].busy_until});
  queues_[kLoad].busy_until = start + std::max<uint64_t>(transfer, 1);
  Retire(kLoad, start + kDmaLatency + transfer, {}, writes);
}

void TimingModel::Store(const std::vector<RowRange>& reads, uint64_t bytes) {
  uint64_t t = Enqueue(kStore);
  uint64_t transfer = (bytes + kDmaBytesPerCycle - 1) / kDmaBytesPerCycle;
  uint64_t start = std::max({t, ReadyAfter(reads, {}), queues_[kStore].busy_until});
  queues_[kStore].busy_until = start + std::max<uint64_t>(transfer, 1);
  Retire(kStore, start + kDmaLatency + transfer, reads, {});
}

void TimingModel::Preload(const std::vector<RowRange>& reads) {
  uint64_t t = Enqueue(kExec);
  uint64_t start = std::max({t, ReadyAfter(reads, {}), queues_[kExec].busy_until});
  queues_[kExec].busy_until = start + dim_;
  Retire(kExec, start + dim_, reads, {});
}

void TimingModel::Compute(const std::vector<RowRange>& reads, const std::vector<RowRange>& writes, int rows) {
  uint64_t t = Enqueue(kExec);
  uint64_t occupancy = std::max(rows, 1);
  uint64_t start = std::max({t, ReadyAfter(reads, writes), queues_[kExec].busy_until});
  queues_[kExec].busy_until = start + occupancy;
  Retire(kExec, start + occupancy + 2 * uint64_t(dim_), reads, writes);
}

uint64_t TimingModel::DrainTime() const {
  uint64_t t = stream_;
  for (const auto& q : queues_) t = std::max(t, q.last_finish);
  return t;
}

void TimingModel::Fence(uint64_t retired_before) {
  uint64_t now = retired_before + stall_cycles_;
  uint64_t drain = DrainTime();
  if (drain > now) stall_cycles_ += drain - now;
}

}  // namespace autocomp::gemmini
