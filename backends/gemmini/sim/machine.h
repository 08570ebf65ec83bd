// backends/gemmini/sim/machine.h
//
// One simulated bare-metal RISC-V machine with Gemmini, run the way Spike
// runs a program (`spike --extension=gemmini prog.elf`):
//
//   - the ELF is loaded into DRAM; the hart starts at the boot ROM
//     (0x1000), which jumps to the entry point with a0 = hart id;
//   - the host-target interface (HTIF) polls the `tohost` word between
//     time slices of 5000 instructions (Spike's INTERLEAVE); a slice ends
//     early when the hart traps. A request in tohost is served before the
//     next slice: proxied syscalls (write, exit) through a magic-memory
//     block, console output (device 1), and exit (tohost & 1). The reply
//     goes to `fromhost`. Because a program that waits for fromhost spins
//     until the slice ends, the whole-program count matches Spike's only
//     if these rules match too; they do.
//
// Failure: Create() fails for an unloadable program (segment outside DRAM,
// no DRAM). Run() never fails: how the run ended is in RunResult.
// Thread-safety: none; run one Machine per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/gemmini_model.h"
#include "model/gemmini_timing.h"
#include "sim/elf_image.h"
#include "sim/memory.h"
#include "sim/rv64_core.h"

namespace autocomp::gemmini {

struct MachineOptions {
  uint64_t dram_bytes = 2048ULL << 20;  // Spike's default -m2048
  uint64_t max_instructions = 0;         // stop after this many (attempted); 0 = no limit
  GemminiConfig config = GemminiConfig::Int8();
  bool spike_log = false;                // print Spike's GEMMINI: mvin/mvout lines
  bool timing = true;                    // keep the cycle estimate
  // The modelled SoC: its capacities also bound the functional model.
  GemminiHardware hardware = GemminiHardware::Default();
  // Receives everything the program prints (and the Spike-style lines).
  std::function<void(const std::string&)> output;
  // The trusted measurement (docs/evaluation.md): when set, the run counts
  // from this function's first entry to its return (pc back at the caller's
  // return address with the caller's stack pointer) and stops right there,
  // before the caller runs another instruction.
  std::string measure_function;
  // 64-bit values written to named symbols after loading (e.g. the seed).
  std::vector<std::pair<std::string, uint64_t>> pokes;
};

// The measured call: what the simulator counted itself, between entry and
// return. Writes to counter CSRs by the program cannot change it.
struct MeasuredCall {
  bool entered = false, returned = false;
  uint64_t instructions = 0;    // retired from the entry to the return, the `ret` included
  uint64_t cycle_estimate = 0;  // the timing model's estimate over the same span (an estimate)
  uint64_t entry_instret = 0, entry_estimate = 0;
  uint64_t ra = 0, sp = 0;      // the caller's return address and stack pointer at entry
  uint64_t saved[14] = {};      // gp, tp, s0-s11 at entry: the calling convention keeps them
  std::string clobbered;        // a register among them that differs at the return, e.g. "s0"
};

struct RunResult {
  enum class Stop { kExited, kInstructionLimit, kGemminiError, kHtifError, kNoHtif, kReturned };
  Stop stop = Stop::kExited;
  int exit_code = 0;            // what the program (or Spike) would exit with
  std::string message;          // why it stopped, for humans
  uint64_t instructions = 0;    // retired instructions (= Spike's cycle/instret CSRs)
  uint64_t attempted = 0;       // instructions fetched, incl. trapping ones
  uint64_t log_lines = 0;       // lines `spike -l` would print (see Rv64Core::log_lines)
  uint64_t traps = 0;
  std::vector<Rv64Core::CounterRead> counter_reads;
  uint64_t cycle_estimate = 0;  // estimated cycles of the whole run (estimate, not a measurement)
  GemminiStats gemmini;
  std::vector<Diagnostic> diagnostics;
  MeasuredCall measured;        // with MachineOptions::measure_function
  double seconds = 0;           // host wall time of Run()

  static const char* StopName(Stop s);
};

class Machine {
 public:
  static Result<std::unique_ptr<Machine>> Create(const ElfImage& program, MachineOptions options);
  RunResult Run();

  Memory& memory() { return *memory_; }
  GemminiModel& gemmini() { return *gemmini_; }

 private:
  Machine() = default;
  // Serves one HTIF request; false if the run must stop (result filled in).
  bool HandleTohost(uint64_t tohost, RunResult* result);
  bool Syscall(uint64_t magic_addr, RunResult* result);
  void Print(const std::string& text) { if (options_.output) options_.output(text); }

  MachineOptions options_;
  ElfImage program_;
  std::unique_ptr<Memory> memory_;
  std::unique_ptr<TimingModel> timing_;
  std::unique_ptr<GemminiModel> gemmini_;
  std::unique_ptr<Rv64Core> core_;
  uint64_t tohost_ = 0, fromhost_ = 0;
  std::vector<uint64_t> fromhost_queue_;
  MeasuredCall measured_;
  bool exited_ = false;
  int exit_code_ = 0;
};

}  // namespace autocomp::gemmini
