// backends/gemmini/gemmini_tuner.h
//
// The gemmini backend's OfflineTuner: an optimization menu and knob moves
// for the int8 GEMM problems (sets exo and gemm), whose baselines are the
// output of gemm_codegen for the default knobs. A move changes one knob
// (larger C tiles, reuse of A panels in the scratchpad, wide mvins, k-loop
// unrolling, the hardware loop_ws unroller and its tile size); Implement()
// regenerates the kernel. Plans carry the knob change in brackets,
// "[autocomp-tuner set tile_j=2]", which Implement() reads back.
//
// Problems of other kinds (exo-conv, admm) get the menu but no moves.
// Thread-safety: const, stateless; safe to call concurrently.
#pragma once

#include <memory>

#include "common/offline_tuner.h"

namespace autocomp::gemmini {

std::unique_ptr<OfflineTuner> MakeGemminiTuner();

}  // namespace autocomp::gemmini
