// backends/cpu/runner/kernel_runner.h
//
// The trusted side of a cpu measurement (docs/evaluation.md). The runner
// owns the inputs, the outputs, the reference and the clock; the candidate
// runs in a child process that holds only its own code and the call stub
// (call_stub.c), and talks to the runner through a shared-memory region and
// two pipes (call_protocol.h).
//
//   - The child is confined before it executes anything: its own uid and a
//     root of its own (the scratch dir) when the runner may set them, the
//     baseline and candidate system-call filters (no sockets, no new
//     processes, no threads unless the problem allows them, no signals to
//     others, no affinity changes), and, loaded by the stub, no new
//     executable memory.
//   - Every call is measured and checked: each gets inputs generated from
//     its own unpredictable seed, a NaN-poisoned output between guard bytes,
//     and is compared with the reference outside the timed interval.
//   - The child is stopped (SIGSTOP) whenever it is not inside a call, and
//     the clock stops only once it is stopped, so nothing it leaves running
//     can change an output after the call or work unmeasured.
//   - Instruction counting (mode "count") runs the same child under
//     callgrind with the same calls and checks; the count is callgrind's for
//     the stub's autocomp_timed_region, per call.
//
// The verdict is one JSON object written to the runner's verdict channel
// (fd 3, which the child never sees); nothing the child prints counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kernel_kind.h"

namespace autocomp::cpu_harness {

struct RunnerOptions {
  std::string mode = "time";     // "time": wall time per call; "count": callgrind instructions
  int calls = 6;                 // measured calls, every one checked
  std::vector<long> dims;        // the problem's dims
  std::string child = "cand";    // the candidate executable, relative to the working directory
  bool threads = false;          // the problem allows threads
  double deadline_s = 60;        // for everything the child does
  std::optional<uint64_t> seed;  // a fixed first seed (tests); normally drawn from the kernel
  std::string valgrind_dir = "/usr/libexec/valgrind";
  // Count mode counts every instruction of the child (signal handlers and
  // threads included, nothing can hide outside a "measured" function), then
  // subtracts the same run of this program: the stub with an empty solution.
  std::string calibration;
};

// Runs the whole measurement; returns the verdict (never throws).
nlohmann::json RunKernel(KernelKind& kind, const RunnerOptions& options);

}  // namespace autocomp::cpu_harness
