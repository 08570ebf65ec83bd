// backends/gemmini/gemm_codegen.h
//
// Generates int8 GEMM kernels for Gemmini (C[I][J] = A[I][K] * B[K][J],
// saturated to int8) from a handful of knobs. The baselines of the exo and
// gemm problem sets are this generator's output for the default knobs, and
// the offline tuner explores the other settings. Generated code starts with
// a comment recording its knobs ("// autocomp-tuner gemm: ..."), so the
// tuner can read them back.
//
// Pure functions; thread-safe. Parse failures are nullopt.
#pragma once

#include <optional>
#include <string>

namespace autocomp::gemmini {

struct GemmShape {
  int I = 0, K = 0, J = 0;  // multiples of 16
};

struct GemmKnobs {
  int tile_i = 1;     // 16-row blocks of C per accumulator pass
  int tile_j = 1;     // 16-column blocks of C per accumulator pass
  bool a_reuse = false;   // move the A row panel in once per row pass, reuse it for every column pass
  bool wide_mvin = false; // move up to four 16-column blocks with one mvin
  int unroll = 1;     // unroll factor of the k loop
  int loop_ws = 0;    // 0: explicit instructions; n > 0: hardware loop_ws with tile variant n
  bool operator==(const GemmKnobs&) const = default;
};

// The knob comment ("// autocomp-tuner gemm: tile_i=1 ...").
std::string GemmKnobComment(const GemmKnobs& k);
std::optional<GemmKnobs> ParseGemmKnobs(const std::string& code);
// Whether `k` is a legal setting for `shape` (tiles divide the block
// counts, buffers fit the scratchpad and accumulator).
bool GemmKnobsValid(const GemmShape& shape, const GemmKnobs& k);
// The kernel; requires GemmKnobsValid(shape, k).
std::string GenerateGemm(const GemmShape& shape, const GemmKnobs& k);

}  // namespace autocomp::gemmini
