// backends/gemmini/spike_adapter.h
//
// Running candidates on a real Spike with the Gemmini extension (riscv-isa-sim
// with libgemmini, e.g. built by ../shared/tools/reference-spike.sh or from a
// Chipyard install) beside the built-in model, and judging them there too.
//
// One timed run (RunTimed) drives Spike's interactive debugger from a command
// file the host writes (the guest cannot change it):
//
//   sh -c 'exec "$@" >spike-out.fifo 2>spike-err.fifo' sh
//       [stdbuf -oL] <spike> -d --debug-cmd=spike-debug.cmd --extension=gemmini prog.elf
//
//   until pc 0 <solution>          run silently to solution's entry
//   @entry, reg 0 minstret/sp/...   registers at the entry
//   @timed, untiln pc 0 <return>   step to the harness's return address, each
//                                  instruction logged: the timed count
//                                  (a reference run steps silently: `until`)
//   @return, reg ...                registers at the return
//   @memory, mem <addr> ...         every harness object, 8 bytes a line
//   @end, until pc 0 0              let the program finish (its cycles line)
//
// (`@name` is an unknown command: Spike echoes "Unknown command @name", which
// marks where each block of answers starts.) The return address is found in
// the ELF: the instruction after `main`'s one call to `solution`. Both output
// streams come through named pipes and are counted as they arrive, so memory
// is bounded whatever the program prints or executes: stdout carries the
// program's output and the extension's "GEMMINI: mvin/mvout" lines, stderr
// the debugger's answers, the instruction log and "*** FAILED ***".
//
// Trust: the answers pass through Spike's stderr, which a guest can also write
// with an HTIF system call. The backend therefore never lets Spike alone pass
// a candidate: the built-in trusted check must pass too (docs/gemmini.md).
//
// Failure: Create() returns FailedPrecondition naming the missing binary or
// extension library; PlanTimedRun() InvalidArgument when the program has no
// single call to solution in main. Thread-safety: SpikeAdapter is immutable
// after Create(); RunTimed() may run concurrently for different scratch dirs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/sandbox.h"
#include "common/status.h"
#include "sim/elf_image.h"

namespace autocomp::gemmini {

// What Spike's stdout carried, counted line by line over the whole stream.
struct SpikeRun {
  std::string program_output;  // output without the extension's lines (first and last 16 KiB)
  long mvin_lines = 0, mvout_lines = 0;
  std::optional<int> failed_tohost;   // from "*** FAILED *** (tohost = N)"
  uint64_t max_spad_row = 0, max_acc_row = 0;  // highest local rows named by mvin lines
  bool any_spad = false, any_acc = false;
  std::optional<uint64_t> guest_cycles;  // the last cycles line (see GuestCycles)
  int guest_cycle_lines = 0;
};

// Counts a stream as it arrives (Feed any chunking), keeping bounded memory.
class SpikeOutputCounter {
 public:
  void Feed(std::string_view chunk);
  SpikeRun Finish();  // the last line may lack its newline

 private:
  void Line(std::string_view line);
  std::string partial_;
  SpikeRun run_;
  std::string tail_;  // program output beyond the first 16 KiB, last 16 KiB of it
  uint64_t dropped_ = 0;
};

// Where the timed run stops and what it reads (addresses from the ELF).
struct SpikePlan {
  uint64_t solution = 0;        // solution's entry
  uint64_t return_address = 0;  // the instruction after main's call to solution
  std::vector<LocalObject> objects;  // the harness's file-local data objects, by name
  bool count_timed = true;           // false: step silently to the return (a reference run)
  std::string Commands() const;      // the debugger's command file
};

// The plan for `program`; `harness_suffix` names the harness's source files.
Result<SpikePlan> PlanTimedRun(const ElfImage& program, const std::string& harness_suffix = "_harness.c");

// One program run on Spike, stopped at solution's return (see above).
struct SpikeTimedRun {
  bool entered = false, returned = false;
  uint64_t timed_instructions = 0;  // logged from the entry to the return, the `ret` included, traps excluded
  std::optional<uint64_t> minstret_delta;  // the CSR's own difference (a guest can write it)
  uint64_t sp_entry = 0, sp_return = 0;
  std::string clobbered;            // a callee-saved register that differs at the return
  std::vector<std::vector<uint8_t>> objects;  // harness objects at the return, in plan order
  std::optional<int> failed_tohost;
  std::string protocol_error;       // the debugger's answers were not as expected
  std::string debug_tail;           // last stderr lines outside the instruction log
  SpikeRun output;                  // stdout
  ProcessOutcome outcome;
};

// Parses the debugger's stderr for `plan` as it arrives (Feed any chunking).
class SpikeDebugParser {
 public:
  explicit SpikeDebugParser(const SpikePlan& plan);
  void Feed(std::string_view chunk);
  SpikeTimedRun Finish();

 private:
  enum class Phase { kStart, kEntry, kTimed, kReturn, kMemory, kEnd };
  void Line(std::string_view line);
  void Value(uint64_t v);
  void Fail(const std::string& why);
  const SpikePlan& plan_;
  Phase phase_ = Phase::kStart;
  std::string partial_;
  std::vector<uint64_t> entry_, return_, words_;
  SpikeTimedRun run_;
};

// Spike's verdict on a candidate run against the reference run on the same
// seed: "ok", "wrong_answer", "runtime_error" or "infra_error", with a message
// in the words of the built-in check (sim/reference_check.h).
struct SpikeVerdict {
  std::string status, message;
};
SpikeVerdict JudgeSpikeRun(const SpikeTimedRun& candidate, const SpikeTimedRun& reference, const SpikePlan& candidate_plan,
                           const SpikePlan& reference_plan, bool compare_as_float, double relative_tolerance = 1e-4);

class SpikeAdapter {
 public:
  // `spike` is the spike binary; `stdbuf` is used when found in PATH.
  static Result<SpikeAdapter> Create(const std::filesystem::path& spike);
  // Spike's own command line for the timed run of `elf` (debug commands from `command_file`).
  std::vector<std::string> Command(const std::filesystem::path& elf,
                                   const std::string& command_file = "spike-debug.cmd") const;
  // Runs `elf` (a path inside spec.workdir) on Spike through `sandbox` with
  // spec's limits; writes the command file and pipes into spec.workdir.
  SpikeTimedRun RunTimed(const Sandbox& sandbox, SandboxSpec spec, const std::filesystem::path& elf,
                         const SpikePlan& plan) const;
  // Counts a whole recorded output (stdout and stderr together).
  static SpikeRun Parse(const std::string& output);

  const std::filesystem::path& spike() const { return spike_; }

 private:
  std::filesystem::path spike_;
  std::string stdbuf_;
};

// A harness's cycles line in a program's output — what guest code read around
// the call, never a verdict (docs/gemmini.md). Two forms: ours,
// "autocomp: cycles N" at the start of a line, and the original Autocomp
// harness's "Generated implementation latency: N cycles" anywhere in a line.
// The value of the last such line, and how many there are (either form).
std::optional<uint64_t> CyclesOfLine(std::string_view line);
std::optional<uint64_t> GuestCycles(const std::string& output);
int CountGuestCycleLines(const std::string& output);

// Finds `name` in PATH; "" when absent.
std::string FindInPath(const std::string& name);

}  // namespace autocomp::gemmini
