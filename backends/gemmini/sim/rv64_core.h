// backends/gemmini/sim/rv64_core.h
//
// An RV64IMAFDC hart in machine mode (with user mode for completeness),
// interpreted one instruction at a time, with the counting rules of Spike
// (riscv-isa-sim) so that instruction counts match it exactly:
//
//   - cycle == instret: both count retired instructions; a CSR read of
//     cycle/instret/mcycle/minstret sees the instructions retired before it.
//   - an instruction that traps (ecall, illegal instruction, fault) does not
//     retire, but it was fetched: `attempted()` counts it. `log_lines()`
//     counts the lines `spike -l` prints: attempted instructions, except that
//     an instruction repeating at the same pc right after itself (a jump to
//     itself) is printed once.
//   - Step(n) stops early after a trap, as Spike's processor_t::step does.
//
// Custom-3 (RoCC) instructions go to a RoccUnit; each counts as one
// instruction however much work it starts. Floating point uses the host's
// IEEE-754 arithmetic with RISC-V's NaN and conversion rules (rv64_fpu.cc).
//
// Speed: instructions are decoded once per pc into a cache of pre-decoded
// entries (sim/rv64_decode.h), checked against memory at every fetch, and
// the frequent ones run in a loop over local state with inline DRAM
// accesses (RunFast); the first instruction of each Step, anything after a
// possible repeat at the same pc, and every rare instruction run through
// the reference path (ExecuteOne/Execute32), so the counts above come from
// one set of rules.
//
// Thread-safety: none; a core and its Memory belong to one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/core_timing.h"
#include "sim/memory.h"
#include "sim/rv64_decode.h"

namespace autocomp::gemmini {

// A coprocessor on the RoCC interface (custom-3 opcode).
struct RoccCommand {
  uint32_t insn = 0;
  uint64_t rs1 = 0, rs2 = 0;    // register values; all ones when xs1/xs2 is clear (as Spike)
  uint64_t pc = 0;
  uint64_t retired_before = 0;  // the hart's instret before this instruction
};

class RoccUnit {
 public:
  enum class Outcome { kDone, kIllegal, kLoadFault, kStoreFault, kHalt };
  virtual ~RoccUnit() = default;
  // Executes one instruction. kIllegal: unknown funct (the core raises
  // illegal instruction); kLoadFault/kStoreFault: the unit touched an
  // unmapped address (`*fault_addr`; the core traps, as Spike does); kHalt:
  // a fatal model error (the machine stops).
  virtual Outcome Execute(const RoccCommand& cmd, uint64_t* rd_value, uint64_t* fault_addr) = 0;
  // A RISC-V FENCE retired; on Rocket it waits until the unit is idle.
  virtual void OnFence(uint64_t retired_before) {}
};

class Rv64Core {
 public:
  explicit Rv64Core(Memory* memory);

  void set_rocc(RoccUnit* rocc) { rocc_ = rocc; }
  // Sets pc and clears architectural state (registers, CSRs, counters).
  void Reset(uint64_t pc);

  // Runs until `n` instructions retired, a trap was taken, or Halt() was
  // called. Returns the number retired.
  uint64_t Step(uint64_t n);

  // Stops the current Step() after the current instruction (used by the
  // Gemmini model on a fatal error and by the machine on exit).
  void Halt() { halted_ = true; }
  bool halted() const { return halted_; }

  // Calls `on_watch` whenever the next instruction to run is at `pc` (before
  // it runs, inside the current Step, so time slices stay Spike's). The
  // callback may move the watch or Halt(). The trusted measurement of a
  // function (sim/function_watch.h) is built on it.
  void Watch(uint64_t pc, std::function<void()> on_watch) {
    MoveWatch(pc);
    on_watch_ = std::move(on_watch);
  }
  void MoveWatch(uint64_t pc) {
    watch_pc_ = pc;
    icache_[(pc >> 1) & (kICacheEntries - 1)].pc = ~0ULL;  // the fast loop stops there
  }

  // Forgets any LR reservation (Spike does at the end of each time slice).
  void ClearReservation() { reservation_valid_ = false; }
  void CheckTimerInterrupt();

  uint64_t instret() const { return instret_; }
  uint64_t attempted() const { return attempted_; }
  uint64_t log_lines() const { return log_lines_; }
  uint64_t traps() const { return traps_; }
  uint64_t pc() const { return pc_; }
  uint64_t reg(int i) const { return x_[i]; }
  void set_reg(int i, uint64_t v) { if (i) x_[i] = v; }
  uint64_t last_trap_cause() const { return last_cause_; }
  uint64_t last_trap_pc() const { return last_trap_pc_; }
  uint64_t last_trap_tval() const { return last_tval_; }

  // Every read of cycle/mcycle/instret/minstret: (retired before it).
  // Harnesses bracket the timed region with such reads.
  // `estimate` is the cycle estimate at that point when set_estimator() was
  // given one (otherwise equal to `retired`).
  struct CounterRead { uint64_t retired; uint64_t estimate; };
  const std::vector<CounterRead>& counter_reads() const { return counter_reads_; }
  void set_estimator(std::function<uint64_t(uint64_t)> f) { estimator_ = std::move(f); }
  // The cycle model's core part (model/core_timing.h): when set, the core
  // reports fetches, data accesses, branches, load-use pairs and multiply/
  // divide latencies to it. Counts are unaffected.
  void set_core_timing(CoreTiming* timing);

 private:
  friend class Rv64Fpu;
  enum : uint64_t {
    kMisalignedFetch = 0, kFetchFault = 1, kIllegal = 2, kBreakpoint = 3, kMisalignedLoad = 4,
    kLoadFault = 5, kMisalignedStore = 6, kStoreFault = 7, kEcallU = 8, kEcallM = 11,
  };
  struct Trap { uint64_t cause; uint64_t tval; };

  // Executes the instruction at pc_; returns false if it trapped (trap_ set).
  bool ExecuteOne();
  // Runs pre-decoded instructions from pc_ until `end` retired, the watched
  // pc, a fetch outside DRAM, a halt, or an instruction whose successor may
  // be itself (left to ExecuteOne for the log-line rule). Must follow an
  // ExecuteOne that moved pc_. Returns false if an instruction trapped.
  template <bool kTimed>
  bool RunFast(uint64_t end);
  bool Execute32(uint32_t insn, int len);
  bool ExecuteFp(uint32_t insn);
  bool ExecuteAmo(uint32_t insn);
  bool ExecuteSystem(uint32_t insn, int len);
  bool CsrRead(uint32_t csr, uint64_t* value);
  bool CsrWrite(uint32_t csr, uint64_t value);
  void TakeTrap(uint64_t cause, uint64_t tval);
  bool Raise(uint64_t cause, uint64_t tval) { trap_ = {cause, tval}; return false; }

  bool LoadMem(uint64_t addr, int size, uint64_t* v) {
    if (addr & (size - 1)) return Raise(kMisalignedLoad, addr);
    if (uint8_t* p = mem_->Translate(addr, size)) { v[0] = 0; std::memcpy(v, p, size); return true; }
    if (!mem_->Load(addr, size, v)) return Raise(kLoadFault, addr);
    return true;
  }
  bool StoreMem(uint64_t addr, int size, uint64_t v) {
    if (addr & (size - 1)) return Raise(kMisalignedStore, addr);
    if (!mem_->Store(addr, size, v)) return Raise(kStoreFault, addr);
    if (reservation_valid_ && (addr & ~7ULL) == (reservation_ & ~7ULL)) reservation_valid_ = false;
    return true;
  }
  // Lazy accrued flags (rv64_fpu.cc): fold the host's IEEE flags into
  // fflags_ (and clear them) before fflags is observed or other host code
  // runs; clear them after such code.
  void FoldHostFpFlags();
  void ClearHostFpFlags();
  bool FpEnabled() const { return ((mstatus_ >> 13) & 3) != 0; }
  void DirtyFp() { mstatus_ |= (3ULL << 13); }

  Memory* mem_;
  static constexpr uint64_t kICacheEntries = 1 << 15;  // direct-mapped by (pc >> 1)
  std::unique_ptr<DecodedInsn[]> icache_;
  CoreTiming* core_timing_ = nullptr;
  uint32_t op_extra_cycles_[kOpCount] = {};  // multiply/divide latency beyond one cycle, per op
  uint64_t fetch_span_ = 0;  // DRAM offsets below this can be fetched 4 bytes at a time
  uint64_t data_span_ = 0;   // DRAM offsets below this can be accessed 8 bytes at a time
  RoccUnit* rocc_ = nullptr;
  uint64_t x_[32] = {};
  uint64_t f_[32] = {};
  uint64_t pc_ = 0;
  uint64_t watch_pc_ = ~0ULL;
  std::function<void()> on_watch_;
  int priv_ = 3;
  bool halted_ = false;
  Trap trap_{};

  uint64_t instret_ = 0, attempted_ = 0, traps_ = 0, log_lines_ = 0;
  uint64_t last_log_pc_ = ~0ULL;
  uint32_t last_log_bits_ = 0;
  void CountAttempt(uint32_t bits) {
    ++attempted_;
    if (pc_ != last_log_pc_ || bits != last_log_bits_) ++log_lines_;
    last_log_pc_ = pc_;
    last_log_bits_ = bits;
  }
  uint64_t cycle_offset_ = 0, instret_offset_ = 0;  // from writes to mcycle/minstret
  std::vector<CounterRead> counter_reads_;
  std::function<uint64_t(uint64_t)> estimator_;
  void RecordCounterRead() {
    if (counter_reads_.size() >= 4096) return;
    uint64_t estimate = instret_;
    if (estimator_) {
      FoldHostFpFlags();
      estimate = estimator_(instret_);
      ClearHostFpFlags();
    }
    counter_reads_.push_back({instret_, estimate});
  }

  // CSRs
  uint64_t mstatus_ = 0, mtvec_ = 0, mscratch_ = 0, mepc_ = 0, mcause_ = 0, mtval_ = 0;
  uint64_t mie_ = 0, mip_ = 0, medeleg_ = 0, mideleg_ = 0, mcounteren_ = 0, scounteren_ = 0;
  uint64_t mcountinhibit_ = 0, menvcfg_ = 0, pmpcfg0_ = 0, pmpaddr_[16] = {};
  uint64_t sscratch_ = 0, sepc_ = 0, scause_ = 0, stval_ = 0, stvec_ = 0, satp_ = 0;
  uint32_t fflags_ = 0, frm_ = 0;

  uint64_t reservation_ = 0;
  bool reservation_valid_ = false;

  uint64_t last_cause_ = 0, last_trap_pc_ = 0, last_tval_ = 0;
};

}  // namespace autocomp::gemmini
