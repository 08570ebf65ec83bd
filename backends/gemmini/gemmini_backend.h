// backends/gemmini/gemmini_backend.h
//
// The gemmini backend: candidate C code written against the Gemmini C API
// (include/gemmini.h) is cross-compiled for bare-metal RV64 with the
// problem's harness and measured on a Gemmini simulator. docs/gemmini.md
// describes the whole backend.
//
// Simulators (BackendContext::simulator):
//   "" or "builtin"   the built-in bit-exact model (autocomp-gemmini-sim);
//                     score = instructions retired in the timed region
//   "spike"           the same model with the `spike` setting: it also
//                     prints Spike's per-mvin/mvout lines, from which the
//                     scratchpad/accumulator utilization metrics are taken
//   "spike@PATH"      a real Spike with the Gemmini extension at PATH
//   "firesim@CONFIG"  FireSim with the runtime config CONFIG (cycles)
// Every run also reports a cycle ESTIMATE from the built-in timing model
// (metric "cycles_estimate"; an estimate, never the score).
//
// Toolchain: riscv64-unknown-elf-gcc (AUTOCOMP_RISCV_GCC overrides) and
// picolibc (AUTOCOMP_PICOLIBC, default /usr/lib/picolibc/riscv64-unknown-elf).
// The simulator binary: AUTOCOMP_GEMMINI_SIM, else next to the running
// executable, else the build tree.
//
// Thread-safety: all methods are const and safe to call concurrently; the
// per-problem harness objects are built once under a mutex.
#pragma once

#include <memory>

#include "common/backend.h"

namespace autocomp {

Result<std::unique_ptr<Backend>> MakeGemminiBackend(const BackendContext& context);

}  // namespace autocomp
