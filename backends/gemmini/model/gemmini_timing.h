// backends/gemmini/model/gemmini_timing.h
//
// The cycle model of a Gemmini SoC: an ESTIMATE, not RTL. It follows the
// decoupled access/execute structure of the accelerator, with the
// parameters of GemminiHardware (docs/gemmini.md, "The cycle model"):
//
//   - The core retires one instruction per cycle plus the penalties the core
//     reports (AddCoreCycles). Gemmini instructions go through a RoCC queue
//     of `rocc_queue` commands into the reservation station; the core stalls
//     while that queue is full, and at a RISC-V FENCE until Gemmini is idle.
//   - The reservation station holds `rs_ld`/`rs_ex`/`rs_st` commands of each
//     kind until they complete; a command of a kind whose entries are all
//     taken waits (and the commands behind it in the RoCC queue with it).
//   - Three controllers run in parallel, each in order: load (mvin), execute
//     (preload + compute, fused as Gemmini fuses them) and store (mvout). A
//     command starts when the rows it reads have been written and the rows
//     it writes have been read and written by earlier commands of other
//     controllers (scratchpad and accumulator rows tracked one by one).
//   - Load and store move data through DmaTiming (requests, requests in
//     flight, bus beats, TLB, memory model).
//   - Execute: a compute streams its A rows through the mesh, one per cycle;
//     new weights from a preload are shifted in during the same cycles
//     (double-buffered in the PEs), so a pair costs max(A rows, B rows)
//     cycles — both rows of the same single-ported bank cost their sum.
//     Results reach the accumulator after the scratchpad read delay, the
//     mesh (2 DIM), its output delay and the accumulator latency.
//   - loop_ws runs as Gemmini's hardware unroller does: five units (load A,
//     load B, load D, execute, store C) walk their own loops in hardware
//     order (mvins of up to four blocks), each waiting only for the units it
//     depends on and for reservation-station entries; up to `loop_slots`
//     loops are in flight, alternating scratchpad and accumulator halves.
//     loop_conv_ws runs the functional unrolling's commands with the three
//     controllers' streams independent (no head-of-line blocking).
//
// Thread-safety: none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/core_timing.h"
#include "model/gemmini_dma_timing.h"
#include "model/gemmini_hardware.h"

namespace autocomp::gemmini {

struct RowRange {
  bool accumulator = false;
  uint32_t first = 0;
  uint32_t count = 0;
};

class TimingModel {
 public:
  TimingModel(const GemminiHardware& hw, int dim, int elem_bytes, int acc_bytes);

  // What a CPU-issued Gemmini instruction is to the unroller: loop
  // configuration and loop instructions go into its loop slots; the others
  // pass it only when no loop is being unrolled.
  enum class Kind { kPlain, kLoopConfig, kLoop };
  // Called around each CPU-issued Gemmini instruction.
  void BeginInstruction(uint64_t retired_before, Kind kind);
  void EndInstruction();

  struct LoadOp {
    std::vector<RowRange> writes;
    DmaTiming::Transfer dram;  // rows == 0 or zeros: nothing read from memory
    bool zeros = false;
    uint64_t rows = 0;         // rows written (per block)
  };
  struct StoreOp {
    std::vector<RowRange> reads;
    DmaTiming::Transfer dram;
    bool from_accumulator = false;
    uint64_t rows = 0;
  };
  struct ExecOp {
    std::vector<RowRange> a_reads, weight_reads, d_reads, writes;
    int a_rows = 0;
    int weight_rows = 0;       // new weights shifted in (0: weights stay)
    bool preload = false;      // a preload command came with it
  };
  struct LoopWsOp {
    uint64_t I = 0, J = 0, K = 0, pad_I = 0, pad_J = 0, pad_K = 0;
    uint64_t A = 0, B = 0, D = 0, C = 0;                       // DRAM addresses (0 = none)
    uint64_t stride_A = 0, stride_B = 0, stride_D = 0, stride_C = 0;  // in elements
    bool a_transpose = false, b_transpose = false, full_C = false, low_D = false, is_resadd = false;
    uint32_t a_spad_id = 0, b_spad_id = 0;
  };
  void Load(const LoadOp& op);
  void Store(const StoreOp& op);
  void Execute(const ExecOp& op);
  void LoopWs(const LoopWsOp& op);
  void Fence(uint64_t retired_before);

  // Estimated cycle count when `retired` instructions have retired.
  uint64_t EstimateAt(uint64_t retired) const { return retired + stall_cycles_; }
  // When all Gemmini work issued so far completes, in estimated cycles.
  uint64_t DrainTime() const;
  uint64_t stall_cycles() const { return stall_cycles_; }
  const GemminiHardware& hardware() const { return hw_; }
  // The scalar core's events (caches, branches, multiplies): the simulator's
  // core reports them here; their cycles count on the same clock.
  CoreTiming& core() { return core_; }

 private:
  enum Queue { kLoad = 0, kExec = 1, kStore = 2 };
  enum Unit { kCpu = 0, kLdUnit, kExUnit, kStUnit };
  struct Rows {
    std::vector<uint64_t> write, read;
    std::vector<uint8_t> writer;  // Unit of the last writer
  };
  // Time a command of queue `q` enters the reservation station.
  uint64_t Admit(Queue q);
  uint64_t AdmitAt(Queue q, uint64_t earliest);
  void Release(Queue q, uint64_t done);
  uint64_t RsFree(Queue q) const;
  Rows& RowsOf(bool accumulator) { return accumulator ? acc_ : sp_; }
  uint64_t ReadyToRead(const std::vector<RowRange>& reads, Unit self);
  uint64_t ReadyToWrite(const std::vector<RowRange>& writes, Unit self);
  void MarkRead(const std::vector<RowRange>& reads, uint64_t t);
  void MarkWrite(const std::vector<RowRange>& writes, uint64_t t, Unit self);
  int BankOf(const RowRange& r) const;
  // Execute one command that entered the reservation station at `enter`.
  uint64_t DoLoad(const LoadOp& op, uint64_t enter);
  uint64_t DoStore(const StoreOp& op, uint64_t enter);
  uint64_t DoExecute(const ExecOp& op, uint64_t enter);

  GemminiHardware hw_;
  int dim_, elem_bytes_, acc_bytes_;
  uint64_t stall_cycles_ = 0;    // cycles beyond one per retired instruction
  MemoryTiming memory_;
  DmaTiming dma_;
  CoreTiming core_;
  uint64_t now_ = 0;             // core time of the current instruction
  uint64_t last_enter_ = 0;      // the RoCC queue hands out one command per cycle
  uint64_t entered_ = 0;         // when the current instruction's command entered
  uint64_t raw_last_ = 0;        // when the last command left the RoCC queue
  std::vector<uint64_t> rocc_ring_;
  size_t rocc_next_ = 0;
  bool in_loop_ = false;         // inside a CPU-issued loop instruction
  bool loop_timed_ = false;      // that loop was timed as a whole (loop_ws): ignore its primitives
  uint64_t loop_start_ = 0, loop_done_ = 0, loop_issue_end_ = 0;
  uint64_t unit_stream_[3] = {0, 0, 0};  // per controller, inside a loop
  std::vector<uint64_t> loop_ring_;      // completion of the loops in the unroller's slots
  size_t loop_next_ = 0;
  uint64_t loops_ = 0;                   // loop_ws instructions so far (slot parity)
  uint64_t acc_half_ = 0;                // accumulator half the next loop_ws writes C into
  std::vector<uint64_t> rs_[3];          // completion times, a ring per kind
  size_t rs_next_[3] = {0, 0, 0};
  uint64_t unit_free_[3] = {0, 0, 0};    // when each controller can start its next command
  uint64_t last_done_ = 0;
  Rows sp_, acc_;
};

}  // namespace autocomp::gemmini
