// backends/gemmini/model/gemmini_timing.cc — the cycle model described in
// gemmini_timing.h. Every number comes from GemminiHardware; none is a
// measurement.
#include "model/gemmini_timing.h"

#include <algorithm>
#include <limits>

namespace autocomp::gemmini {
namespace {

constexpr uint64_t kNever = std::numeric_limits<uint64_t>::max();

uint64_t DivUp(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

}  // namespace

TimingModel::TimingModel(const GemminiHardware& hw, int dim, int elem_bytes, int acc_bytes)
    : hw_(hw), dim_(dim), elem_bytes_(elem_bytes), acc_bytes_(acc_bytes), memory_(hw_), dma_(hw_, &memory_),
      core_(hw_, &memory_, &stall_cycles_), rocc_ring_(size_t(hw.rocc_queue), 0),
      loop_ring_(size_t(hw.loop_slots), 0) {
  const int depth[3] = {hw.rs_ld, hw.rs_ex, hw.rs_st};
  for (int q = 0; q < 3; ++q) rs_[q].assign(size_t(depth[q]), 0);
  auto init = [](Rows& r, int n) {
    r.write.assign(size_t(n), 0);
    r.read.assign(size_t(n), 0);
    r.writer.assign(size_t(n), kCpu);
  };
  init(sp_, hw.sp_rows());
  init(acc_, hw.acc_rows);
}

void TimingModel::BeginInstruction(uint64_t retired_before, Kind kind) {
  const bool is_loop = kind == Kind::kLoop;
  now_ = retired_before + stall_cycles_;
  // The core waits while the RoCC queue is full: the command issued
  // `rocc_queue` instructions ago must have entered the reservation station.
  const uint64_t oldest = rocc_ring_[rocc_next_];
  if (oldest > now_) {
    stall_cycles_ += oldest - now_;
    now_ = oldest;
  }
  // Loop configuration goes straight into a slot of the unroller; anything
  // else waits until the loops in it have been unrolled.
  entered_ = kind == Kind::kPlain ? std::max(now_, last_enter_ + 1) : std::max(now_, raw_last_ + 1);
  raw_last_ = std::max(raw_last_, entered_);
  in_loop_ = is_loop;
  loop_timed_ = false;
  if (is_loop) {
    // The unroller holds `loop_slots` loops: a new one waits for a free slot.
    const uint64_t slot_free = loop_ring_[loop_next_];
    if (slot_free > now_) {
      stall_cycles_ += slot_free - now_;
      now_ = slot_free;
    }
    entered_ = std::max(now_, raw_last_ + 1);
    loop_start_ = entered_;
    loop_done_ = loop_start_;
    loop_issue_end_ = loop_start_;
    for (uint64_t& s : unit_stream_) s = loop_start_;
  }
}

void TimingModel::EndInstruction() {
  last_enter_ = std::max(last_enter_, entered_);
  raw_last_ = std::max(raw_last_, entered_);
  rocc_ring_[rocc_next_] = entered_;
  rocc_next_ = (rocc_next_ + 1) % rocc_ring_.size();
  if (in_loop_) {
    loop_ring_[loop_next_] = loop_done_;
    loop_next_ = (loop_next_ + 1) % loop_ring_.size();
    // Commands after a loop pass the unroller once it has issued the loop.
    last_enter_ = std::max(last_enter_, loop_issue_end_);
  }
  in_loop_ = false;
  loop_timed_ = false;
}

uint64_t TimingModel::RsFree(Queue q) const { return rs_[q][rs_next_[q]]; }

void TimingModel::Release(Queue q, uint64_t done) {
  rs_[q][rs_next_[q]] = done;
  rs_next_[q] = (rs_next_[q] + 1) % rs_[q].size();
  last_done_ = std::max(last_done_, done);
  if (in_loop_) loop_done_ = std::max(loop_done_, done);
}

uint64_t TimingModel::AdmitAt(Queue q, uint64_t earliest) {
  return std::max(earliest, RsFree(q));
}

uint64_t TimingModel::Admit(Queue q) {
  if (in_loop_) {
    // Inside a loop instruction each controller's commands come from their
    // own unit of the unroller, one per cycle.
    const uint64_t t = AdmitAt(q, unit_stream_[q]);
    unit_stream_[q] = t + 1;
    loop_issue_end_ = std::max(loop_issue_end_, t + 1);
    return t;
  }
  // From the core, in order: a command waits for the reservation station,
  // and holds the RoCC queue (and so the core) while it waits.
  const uint64_t t = AdmitAt(q, std::max(entered_, last_enter_ + 1));
  entered_ = t;
  last_enter_ = t;
  return t;
}

int TimingModel::BankOf(const RowRange& r) const {
  return r.accumulator ? -1 : int(r.first / uint32_t(hw_.sp_bank_rows));
}

uint64_t TimingModel::ReadyToRead(const std::vector<RowRange>& reads, Unit self) {
  uint64_t ready = 0;
  for (const RowRange& r : reads) {
    Rows& rows = RowsOf(r.accumulator);
    const uint64_t end = std::min<uint64_t>(uint64_t(r.first) + r.count, rows.write.size());
    for (uint64_t i = r.first; i < end; ++i) {
      // The execute unit streams into the accumulator in order: its own
      // earlier accumulator results never hold it back (scratchpad rows it
      // wrote, as in an output-stationary chain, do).
      const bool own_accumulation = r.accumulator && self == kExUnit && rows.writer[i] == kExUnit;
      if (!own_accumulation) ready = std::max(ready, rows.write[i]);
    }
  }
  return ready;
}

uint64_t TimingModel::ReadyToWrite(const std::vector<RowRange>& writes, Unit self) {
  uint64_t ready = 0;
  for (const RowRange& r : writes) {
    Rows& rows = RowsOf(r.accumulator);
    const uint64_t end = std::min<uint64_t>(uint64_t(r.first) + r.count, rows.write.size());
    for (uint64_t i = r.first; i < end; ++i) {
      ready = std::max(ready, rows.read[i]);
      if (rows.writer[i] != self) ready = std::max(ready, rows.write[i]);
    }
  }
  return ready;
}

void TimingModel::MarkRead(const std::vector<RowRange>& reads, uint64_t t) {
  for (const RowRange& r : reads) {
    Rows& rows = RowsOf(r.accumulator);
    const uint64_t end = std::min<uint64_t>(uint64_t(r.first) + r.count, rows.read.size());
    for (uint64_t i = r.first; i < end; ++i) rows.read[i] = std::max(rows.read[i], t);
  }
}

void TimingModel::MarkWrite(const std::vector<RowRange>& writes, uint64_t t, Unit self) {
  for (const RowRange& r : writes) {
    Rows& rows = RowsOf(r.accumulator);
    const uint64_t end = std::min<uint64_t>(uint64_t(r.first) + r.count, rows.write.size());
    for (uint64_t i = r.first; i < end; ++i) {
      rows.write[i] = std::max(rows.write[i], t);
      rows.writer[i] = uint8_t(self);
    }
  }
}

uint64_t TimingModel::DoLoad(const LoadOp& op, uint64_t enter) {
  const uint64_t start = std::max({enter + 1, ReadyToWrite(op.writes, kLdUnit), unit_free_[kLoad]});
  uint64_t done;
  if (op.zeros || op.dram.rows == 0 || op.dram.row_bytes == 0) {
    unit_free_[kLoad] = start + std::max<uint64_t>(op.rows, 1);
    done = unit_free_[kLoad];
  } else if (op.dram.stride == 0 && op.dram.rows > 1) {
    // A zero stride reads the row once and repeats it into every row (a
    // repeating bias), one row written per cycle.
    DmaTiming::Transfer one = op.dram;
    one.rows = 1;
    const DmaTiming::Span s = dma_.Read(one, start);
    unit_free_[kLoad] = std::max(s.issued, start + op.dram.rows);
    done = std::max(s.done, start + op.dram.rows) + 1 + uint64_t(hw_.mvin_scale_latency);
  } else {
    const DmaTiming::Span s = dma_.Read(op.dram, start);
    unit_free_[kLoad] = s.issued;
    done = s.done + 1 + uint64_t(hw_.mvin_scale_latency);
  }
  MarkWrite(op.writes, done, kLdUnit);
  Release(kLoad, done);
  return done;
}

uint64_t TimingModel::DoStore(const StoreOp& op, uint64_t enter) {
  const uint64_t start = std::max({enter + 1, ReadyToRead(op.reads, kStUnit), unit_free_[kStore]});
  const uint64_t read_latency = op.from_accumulator
                                    ? uint64_t(hw_.acc_latency + hw_.acc_scale_latency)
                                    : uint64_t(hw_.sp_read_delay);
  const DmaTiming::Span s = dma_.Write(op.dram, start + read_latency);
  // Rows leave the accumulator one per cycle, no faster than the DMA takes them.
  unit_free_[kStore] = std::max(s.issued - read_latency, start + std::max<uint64_t>(op.rows, 1));
  MarkRead(op.reads, start + std::max<uint64_t>(op.rows, 1));
  Release(kStore, s.done);
  return s.done;
}

uint64_t TimingModel::DoExecute(const ExecOp& op, uint64_t enter) {
  uint64_t ready = std::max({ReadyToRead(op.a_reads, kExUnit), ReadyToRead(op.weight_reads, kExUnit),
                             ReadyToRead(op.d_reads, kExUnit), ReadyToWrite(op.writes, kExUnit)});
  const uint64_t start = std::max({enter + 1, ready, unit_free_[kExec]});
  // New weights are shifted down the array before the A rows stream
  // through it: a preload that brings weights holds the mesh for its rows.
  const uint64_t weight_cycles =
      op.weight_rows <= 0 ? 0 : hw_.preload_cycles < 0 ? uint64_t(op.weight_rows) : uint64_t(hw_.preload_cycles);
  const uint64_t occupancy = uint64_t(std::max(op.a_rows, 1)) + weight_cycles;
  // A bias read from the scratchpad with the A rows: one port per bank.
  uint64_t bias_conflict = 0;
  for (const RowRange& d : op.d_reads) {
    bool conflict = false;
    for (const RowRange& a : op.a_reads) conflict = conflict || BankOf(d) == BankOf(a);
    if (conflict) bias_conflict += d.count;
  }
  unit_free_[kExec] = start + occupancy + bias_conflict;
  const uint64_t reads_done = start + occupancy + bias_conflict + uint64_t(hw_.sp_read_delay);
  MarkRead(op.a_reads, reads_done);
  MarkRead(op.weight_reads, reads_done);
  MarkRead(op.d_reads, reads_done);
  const uint64_t done = reads_done + 2 * uint64_t(dim_) + uint64_t(hw_.mesh_output_delay + hw_.acc_latency);
  MarkWrite(op.writes, done, kExUnit);
  Release(kExec, done);
  return done;
}

void TimingModel::Load(const LoadOp& op) {
  if (loop_timed_) return;
  DoLoad(op, Admit(kLoad));
}

void TimingModel::Store(const StoreOp& op) {
  if (loop_timed_) return;
  DoStore(op, Admit(kStore));
}

void TimingModel::Execute(const ExecOp& op) {
  if (loop_timed_) return;
  if (op.preload) Release(kExec, Admit(kExec) + 1);  // the preload's own entry, freed as its compute starts
  DoExecute(op, Admit(kExec));
}

void TimingModel::LoopWs(const LoopWsOp& op) {
  loop_timed_ = true;
  const uint64_t D = uint64_t(dim_);
  const uint64_t half = uint64_t(hw_.sp_rows()) / 2, acc_half = uint64_t(hw_.acc_rows) / 2;
  const uint64_t slot = loops_++ % 2;
  const uint64_t max_block_len = std::max<uint64_t>(1, uint64_t(hw_.dma_request_bytes) / (D * uint64_t(elem_bytes_)));
  const uint64_t max_block_len_acc =
      std::max<uint64_t>(1, uint64_t(hw_.dma_request_bytes) / (D * uint64_t(acc_bytes_)));
  const uint64_t I = op.I, J = op.J, K = op.K;
  if (I == 0 || J == 0 || K == 0) return;
  const uint64_t a_start = op.a_spad_id ? (op.a_spad_id - 1) * half : slot * half;
  const uint64_t b_end = op.b_spad_id ? op.b_spad_id * half : (slot + 1) * half;
  const uint64_t b_start = b_end >= K * J * D ? b_end - K * J * D : 0;
  const uint64_t c_start = acc_half_ * acc_half;
  if (op.C != 0) acc_half_ ^= 1;
  const uint64_t size_C = op.full_C ? uint64_t(acc_bytes_) : uint64_t(elem_bytes_);
  const uint64_t size_D = op.low_D ? uint64_t(elem_bytes_) : uint64_t(acc_bytes_);
  auto edge = [&](uint64_t idx, uint64_t n, uint64_t pad) { return D - (idx == n - 1 ? pad : 0); };

  // The units' command lists, in the order each unit walks its loops.
  struct Cmd {
    Queue q;
    LoadOp load;
    StoreOp store;
    ExecOp exec;
    int unit = 0;
    size_t need_a = kNever, need_b = kNever, need_ex = kNever;  // indices that must have issued
  };
  enum { kSt = 0, kEx = 1, kLdD = 2, kLdA = 3, kLdB = 4, kUnits = 5 };
  std::vector<Cmd> units[kUnits];

  // A block-row/column mvin of `blocks` blocks to the scratchpad or accumulator.
  auto mvin = [&](uint64_t dram, uint64_t stride_bytes, uint64_t rows, uint64_t cols, uint64_t bytes,
                  uint64_t local, bool acc, uint64_t blocks) {
    Cmd c;
    c.q = kLoad;
    c.load.dram = {dram, rows, cols * bytes, stride_bytes};
    c.load.rows = rows;
    c.load.writes.push_back({acc, uint32_t(local), uint32_t((blocks - 1) * D + rows)});
    return c;
  };

  if (op.A != 0) {
    // Non-transposed: rows i, columns k in steps of up to max_block_len, i innermost.
    const uint64_t rows_n = op.a_transpose ? K : I, cols_n = op.a_transpose ? I : K;
    const uint64_t mb = std::min(cols_n, max_block_len);
    const uint64_t row_pad = op.a_transpose ? op.pad_K : op.pad_I, col_pad = op.a_transpose ? op.pad_I : op.pad_K;
    if (!op.a_transpose) {
      for (uint64_t k = 0; k < K; k += mb) {
        for (uint64_t i = 0; i < I; ++i) {
          const uint64_t blocks = std::min(mb, K - k);
          const uint64_t cols = blocks * D - (k + blocks >= K ? col_pad : 0);
          units[kLdA].push_back(mvin(op.A + (i * op.stride_A + k * D) * elem_bytes_, op.stride_A * elem_bytes_,
                                     edge(i, rows_n, row_pad), cols, elem_bytes_, a_start + (i * K + k) * D, false,
                                     blocks));
        }
      }
    } else {
      for (uint64_t k = 0; k < K; ++k) {
        for (uint64_t i = 0; i < I; i += mb) {
          const uint64_t blocks = std::min(mb, I - i);
          const uint64_t cols = blocks * D - (i + blocks >= I ? col_pad : 0);
          units[kLdA].push_back(mvin(op.A + (k * op.stride_A + i * D) * elem_bytes_, op.stride_A * elem_bytes_,
                                     edge(k, rows_n, row_pad), cols, elem_bytes_, a_start + (k * I + i) * D, false,
                                     blocks));
        }
      }
    }
  }
  if (op.B != 0) {
    const uint64_t cols_n = op.b_transpose ? K : J;
    const uint64_t mb = std::min(cols_n, max_block_len);
    if (!op.b_transpose) {
      for (uint64_t k = 0; k < K; ++k) {
        for (uint64_t j = 0; j < J; j += mb) {
          const uint64_t blocks = std::min(mb, J - j);
          const uint64_t cols = blocks * D - (j + blocks >= J ? op.pad_J : 0);
          units[kLdB].push_back(mvin(op.B + (k * op.stride_B + j * D) * elem_bytes_, op.stride_B * elem_bytes_,
                                     edge(k, K, op.pad_K), cols, elem_bytes_, b_start + (k * J + j) * D, false,
                                     blocks));
        }
      }
    } else {
      for (uint64_t k = 0; k < K; k += mb) {
        for (uint64_t j = 0; j < J; ++j) {
          const uint64_t blocks = std::min(mb, K - k);
          const uint64_t cols = blocks * D - (k + blocks >= K ? op.pad_K : 0);
          units[kLdB].push_back(mvin(op.B + (j * op.stride_B + k * D) * elem_bytes_, op.stride_B * elem_bytes_,
                                     edge(j, J, op.pad_J), cols, elem_bytes_, b_start + (j * K + k) * D, false,
                                     blocks));
        }
      }
    }
  }
  if (op.D != 0 && !op.is_resadd) {
    const uint64_t mb = std::min(J, op.low_D ? max_block_len : max_block_len_acc);
    for (uint64_t i = 0; i < I; ++i) {
      for (uint64_t j = 0; j < J; j += mb) {
        const uint64_t blocks = std::min(mb, J - j);
        const uint64_t cols = blocks * D - (j + blocks >= J ? op.pad_J : 0);
        units[kLdD].push_back(mvin(op.D + (i * op.stride_D + j * D) * size_D, op.stride_D * size_D, edge(i, I, op.pad_I),
                                   cols, size_D, c_start + (i * J + j) * D, true, blocks));
      }
    }
  }
  // Which load command brought block (i, k) of A and (k, j) of B.
  const uint64_t mb_a = std::min(op.a_transpose ? I : K, max_block_len);
  const uint64_t mb_b = std::min(op.b_transpose ? K : J, max_block_len);
  auto a_index = [&](uint64_t i, uint64_t k) -> size_t {
    if (op.A == 0) return kNever;
    return op.a_transpose ? size_t(k * DivUp(I, mb_a) + i / mb_a) : size_t((k / mb_a) * I + i);
  };
  auto b_index = [&](uint64_t k, uint64_t j) -> size_t {
    if (op.B == 0) return kNever;
    return op.b_transpose ? size_t((k / mb_b) * J + j) : size_t(k * DivUp(J, mb_b) + j / mb_b);
  };
  if (!op.is_resadd) {
    for (uint64_t k = 0; k < K; ++k) {
      for (uint64_t j = 0; j < J; ++j) {
        for (uint64_t i = 0; i < I; ++i) {
          Cmd c;
          c.q = kExec;
          const uint64_t a_sp = op.a_transpose ? a_start + (k * I + i) * D : a_start + (i * K + k) * D;
          const uint64_t b_sp = op.b_transpose ? b_start + (j * K + k) * D : b_start + (k * J + j) * D;
          c.exec.a_rows = int(op.a_transpose ? edge(k, K, op.pad_K) : edge(i, I, op.pad_I));
          c.exec.a_reads.push_back({false, uint32_t(a_sp), uint32_t(D)});
          c.exec.preload = true;
          if (i == 0) {
            c.exec.weight_rows = int(D);
            c.exec.weight_reads.push_back({false, uint32_t(b_sp), uint32_t(D)});
          }
          c.exec.writes.push_back({true, uint32_t(c_start + (i * J + j) * D), uint32_t(edge(i, I, op.pad_I))});
          c.need_a = a_index(i, k);
          c.need_b = b_index(k, j);
          units[kEx].push_back(std::move(c));
        }
      }
    }
  }
  if (op.C != 0) {
    const uint64_t mb = op.full_C ? 1 : std::min(J, max_block_len);
    for (uint64_t j = 0; j < J; j += mb) {
      for (uint64_t i = 0; i < I; ++i) {
        const uint64_t blocks = std::min(mb, J - j);
        const uint64_t cols = blocks * D - (j + blocks >= J ? op.pad_J : 0);
        Cmd c;
        c.q = kStore;
        const uint64_t rows = edge(i, I, op.pad_I);
        c.store.dram = {op.C + (i * op.stride_C + j * D) * size_C, rows, cols * size_C, op.stride_C * size_C};
        c.store.rows = rows;
        c.store.from_accumulator = true;
        for (uint64_t b = 0; b < blocks; ++b) {
          c.store.reads.push_back({true, uint32_t(c_start + (i * J + j + b) * D), uint32_t(rows)});
        }
        // Gemmini moves C out once the execute unit has passed its last k.
        if (!op.is_resadd) c.need_ex = size_t(((K - 1) * J + (j + blocks - 1)) * I + i);
        else {
          c.need_a = a_index(i, j);
          c.need_b = b_index(i, j);
        }
        units[kSt].push_back(std::move(c));
      }
    }
  }

  // Issue: each step, the unit whose next command can enter earliest (ties in
  // the arbiter's priority order: store, execute, load D, load A/B).
  size_t next[kUnits] = {0, 0, 0, 0, 0};
  std::vector<uint64_t> issued[kUnits];
  for (int u = 0; u < kUnits; ++u) issued[u].assign(units[u].size(), kNever);
  uint64_t unit_last[kUnits];
  for (uint64_t& t : unit_last) t = loop_start_;
  uint64_t global_last = loop_start_;
  const bool ldd_needed = !units[kLdD].empty();
  for (;;) {
    int best = -1;
    uint64_t best_t = kNever;
    for (int u = 0; u < kUnits; ++u) {
      if (next[u] >= units[u].size()) continue;
      const Cmd& c = units[u][next[u]];
      uint64_t t = std::max(unit_last[u] + 1, global_last + 1);
      t = std::max(t, RsFree(c.q));
      if (c.q == kExec) t = std::max(t, RsFree(kExec));
      auto need = [&](int unit, size_t idx) {
        if (idx == kNever) return;
        if (idx >= issued[unit].size()) idx = issued[unit].size() - 1;
        t = issued[unit][idx] == kNever ? kNever : std::max(t, issued[unit][idx] + 1);
      };
      if (u == kEx) {
        need(kLdA, c.need_a);
        if (t != kNever) need(kLdB, c.need_b);
        if (t != kNever && ldd_needed) need(kLdD, units[kLdD].size() - 1);
      } else if (u == kSt) {
        if (c.need_ex != kNever) need(kEx, c.need_ex);
        if (t != kNever && c.need_a != kNever) need(kLdA, c.need_a);
        if (t != kNever && c.need_b != kNever) need(kLdB, c.need_b);
      }
      if (t < best_t) {
        best_t = t;
        best = u;
      }
    }
    if (best < 0) break;
    Cmd& c = units[best][next[best]];
    issued[best][next[best]] = best_t;
    ++next[best];
    unit_last[best] = best_t;
    global_last = best_t;
    switch (c.q) {
      case kLoad: DoLoad(c.load, best_t); break;
      case kStore: DoStore(c.store, best_t); break;
      case kExec:
        // The preload takes an entry of its own, released when its compute starts.
        Release(kExec, best_t + 1);
        DoExecute(c.exec, AdmitAt(kExec, best_t + 1));
        unit_last[best] = best_t + 1;
        global_last = best_t + 1;
        break;
    }
  }
  loop_issue_end_ = std::max(loop_issue_end_, global_last + 1);
}

uint64_t TimingModel::DrainTime() const { return std::max({last_done_, dma_.LastDone(), last_enter_}); }

void TimingModel::Fence(uint64_t retired_before) {
  const uint64_t now = retired_before + stall_cycles_;
  const uint64_t drain = DrainTime();
  if (drain > now) stall_cycles_ += drain - now;
}

}  // namespace autocomp::gemmini
