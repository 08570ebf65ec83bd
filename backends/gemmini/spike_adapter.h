// backends/gemmini/spike_adapter.h
//
// Running candidates on a real Spike with the Gemmini extension (from a
// Chipyard install), instead of the built-in model. The adapter only builds
// command lines and reads outputs; the backend runs the command through the
// Sandbox, one Spike per worker rank (each worker measures one candidate at
// a time) and one private scratch directory per candidate (never a shared
// build file).
//
//   stdbuf -oL <spike> --extension=gemmini [--isa=...] prog.elf
//
// Spike prints the program's output, the extension's "GEMMINI: mvin ..."
// lines and, on a non-zero exit, "*** FAILED *** (tohost = N)".
//
// UNVERIFIED on a real Chipyard install from inside this project: tests use
// recorded output formats (docs/gemmini.md says so).
//
// Failure: Create() returns FailedPrecondition naming the missing binary or
// extension library. Thread-safety: immutable after Create().
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace autocomp::gemmini {

struct SpikeRun {
  std::string program_output;  // output without the extension's lines
  long mvin_lines = 0, mvout_lines = 0;
  std::optional<int> failed_tohost;   // from "*** FAILED *** (tohost = N)"
  uint64_t max_spad_row = 0, max_acc_row = 0;  // highest local rows named by mvin/mvout lines
  bool any_spad = false, any_acc = false;
};

class SpikeAdapter {
 public:
  // `spike` is the spike binary; `stdbuf` is used when found in PATH.
  static Result<SpikeAdapter> Create(const std::filesystem::path& spike);
  std::vector<std::string> Command(const std::filesystem::path& elf) const;
  static SpikeRun Parse(const std::string& output);

  const std::filesystem::path& spike() const { return spike_; }

 private:
  std::filesystem::path spike_;
  std::string stdbuf_;
};

// The harness's `autocomp: cycles N` line in a program's output — what guest
// code read around the call on hardware, never a verdict (docs/gemmini.md):
// the value of the last such line, and how many there are.
std::optional<uint64_t> GuestCycles(const std::string& output);
int CountGuestCycleLines(const std::string& output);

// Finds `name` in PATH; "" when absent.
std::string FindInPath(const std::string& name);

}  // namespace autocomp::gemmini
