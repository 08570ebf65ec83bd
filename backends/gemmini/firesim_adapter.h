// backends/gemmini/firesim_adapter.h
//
// Running candidates on FireSim (an FPGA-accelerated Chipyard SoC with
// Gemmini). FireSim runs a "workload": a set of bare-metal jobs, each with
// its own UART log. To amortise FireSim's start-up, several candidates are
// packed into one workload; when the run hangs (a job never exits), the
// jobs of that run are retried one at a time so one hang costs only itself.
// Scores are cycles: the harness's rdcycle difference is real cycles there.
// A job's cycles line is ours ("autocomp: cycles N") or the original
// Autocomp harness's ("Generated implementation latency: N cycles"); more
// than one, of either form, means the candidate printed one (GuestCycles and
// CountGuestCycleLines in spike_adapter.h).
//
// This class writes the workload description and the commands, and reads
// UART logs; running them is the caller's job (through the Sandbox).
//
// UNVERIFIED on a real FireSim install from inside this project: tests use
// recorded output formats (docs/gemmini.md says so).
//
// Failure: Create() returns FailedPrecondition when the firesim binary or
// the runtime config is missing. Thread-safety: immutable after Create().
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "spike_adapter.h"

namespace autocomp::gemmini {

struct FiresimJob {
  std::string name;                 // job name, also the UART log's folder
  std::filesystem::path elf;        // bare-metal binary
};

struct FiresimJobResult {
  std::string name;
  bool finished = false;            // the log shows the harness's cycles line
  int cycle_lines = 0;              // more than one: someone else printed one
  std::optional<uint64_t> cycles;   // guest-reported cycles of the call
};

class FiresimAdapter {
 public:
  // `firesim` is the firesim manager command; `runtime_config` its
  // config_runtime.yaml.
  static Result<FiresimAdapter> Create(const std::filesystem::path& firesim,
                                       const std::filesystem::path& runtime_config);

  // Writes <dir>/<workload>.json describing the jobs; returns its path.
  Result<std::filesystem::path> WriteWorkload(const std::filesystem::path& dir, const std::string& workload,
                                              const std::vector<FiresimJob>& jobs) const;
  // The commands that run a workload: infrasetup, runworkload, terminaterunfarm.
  std::vector<std::vector<std::string>> Commands(const std::filesystem::path& workload_json) const;
  // Reads one job's UART log.
  static FiresimJobResult ParseUartLog(const std::string& name, const std::string& uartlog);
  // Splits `jobs` into runs: all together first; after a hang, one per run.
  static std::vector<std::vector<FiresimJob>> Batches(const std::vector<FiresimJob>& jobs, bool after_hang);

 private:
  std::filesystem::path firesim_, runtime_config_;
};

}  // namespace autocomp::gemmini
