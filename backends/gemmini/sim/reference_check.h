// backends/gemmini/sim/reference_check.h
//
// The gemmini backend's trusted verdict (docs/evaluation.md): runs the
// reference program and the candidate program — the same harness linked
// with the reference or with the candidate's `solution` — on the built-in
// simulator with the same seed written into `autocomp_seed_value`, counts
// the candidate's `solution` from entry to return itself, stops each run
// at that return, and compares every file-local data object of the harness
// (its inputs and outputs) between the two memories. The reference result
// never exists in the candidate's memory; nothing the guest prints counts.
//
// Objects are compared exactly, or as fp32 values within a relative
// tolerance for fp32 configurations. Several seeds: every one is checked,
// and the score is the largest count.
// Thread-safety: pure function of its inputs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/elf_image.h"
#include "sim/machine.h"
#include "sim/run_report.h"

namespace autocomp::gemmini {

struct ReferenceCheckOptions {
  MachineOptions machine;            // config, limits, spike_log, output (measure_function/pokes are set here)
  std::vector<uint64_t> seeds = {1};
  bool compare_as_float = false;     // fp32 configurations
  double relative_tolerance = 1e-4;  // |got - want| <= tol * max(1, |want|)
  std::string harness_file_suffix = "_harness.c";
};

// The verdict as JSON: {"status": ok|wrong_answer|runtime_error|timeout|rejected|infra_error,
// "message", "seeds", "instructions" (max over seeds), "instructions_per_seed",
// "cycle_estimate", "compared_objects", "compared_bytes", "run": {last candidate run's counts}}.
nlohmann::json CheckAgainstReference(const ElfImage& candidate, const ElfImage& reference,
                                     const ReferenceCheckOptions& options);

}  // namespace autocomp::gemmini
