// backends/cpu/cpu_backend.h
//
// The cpu backend: C or C++ kernels built natively (-O3 -march=native) and
// timed on the worker's own cores. The embedded default of autocomp and the
// workhorse of CI. Problems live in sols/cpu/<set>/problems.json, each set
// with a naive baseline.c and a double-precision reference.c; harnesses are
// in backends/cpu/harness/. docs/backends/cpu.md describes both.
//
// Score: median wall seconds of `eval.repeats` timed calls after
// `eval.warmup` untimed ones (metrics: min, mean, coefficient of
// variation), or, with eval.score = "instructions", the instructions
// callgrind counts in one call (deterministic).
#pragma once

#include <memory>

#include "common/backend.h"

namespace autocomp {

Result<std::unique_ptr<Backend>> MakeCpuBackend(const BackendContext& context);

}  // namespace autocomp
