// backends/gemmini/admm_codegen.h
//
// Generates the fp32 (DIM 4) TinyMPC kernels of the admm-multifunction
// problem set from knobs, for the offline tuner. Each problem is a list of
// matrix-vector operations per time step, y = s * (sum_t a_t M_t x_t + b)
// (admm_harness.c); the generator writes them as straight-line Gemmini code
// inside the time-step loop. The problem's baseline (a generic helper called
// once per operation, fences after each) counts as the default knobs with
// `straight` = 0; every other setting needs `straight` = 1.
//
// Knobs:
//   straight  straight-line code per step instead of the generic helper
//   resident  matrices moved into the scratchpad once, before the step loop
//   xreuse    each vector block moved in and preloaded once, every matrix
//             tile that multiplies it streamed through (compute_accumulated)
//   merge     operation merging: products of different operations of a step
//             that read the same vector run in one pass (needs xreuse;
//             problems 1 and 2)
//   hoist     configuration instructions only where the setting changes
//   fences    0: a fence after every operation (as the baseline);
//             1: only where a later read depends on an outstanding mvout
//             (a CPU read, or a mvin of data an earlier mvout wrote: the
//             load and store queues are not ordered against each other),
//             and the final one (problem 0 has only the final one)
//   ew_cpu    bias additions and output scaling as CPU loops over the
//             results (0: on the accelerator: bias mvin into the
//             accumulator, scaling at mvout)
// Generated code starts with "// autocomp-tuner admm: ...".
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>

namespace autocomp::gemmini {

struct AdmmKnobs {
  bool straight = false;
  bool resident = false;
  bool xreuse = false;
  bool merge = false;
  bool hoist = false;
  int fences = 0;
  bool ew_cpu = false;
  bool operator==(const AdmmKnobs&) const = default;
};

std::string AdmmKnobComment(const AdmmKnobs& k);
std::optional<AdmmKnobs> ParseAdmmKnobs(const std::string& code);
// `problem` is ADMM_PROBLEM (0, 1, 2); `steps` is ADMM_NH.
bool AdmmKnobsValid(int problem, int steps, const AdmmKnobs& k);
// The kernel with `signature`; requires AdmmKnobsValid and k.straight.
std::string GenerateAdmm(int problem, int steps, const AdmmKnobs& k, const std::string& signature);

}  // namespace autocomp::gemmini
