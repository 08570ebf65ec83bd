// backends/gemmini/gemmini_tuner.h
//
// The gemmini backend's OfflineTuner: an optimization menu and knob moves
// per problem kind, each backed by a kernel generator:
//   gemm  (sets exo, gemm)        gemm_codegen: C tiles, A-panel reuse, wide
//                                 mvins, k unrolling, loop_ws and its tiles
//   conv  (set exo-conv)          conv_codegen: output-row and output-channel
//                                 tiling, loop_conv_ws vs explicit code,
//                                 weight reuse, double buffering
//   admm  (set admm-multifunction) admm_codegen: straight-line code,
//                                 resident matrices, vector reuse, operation
//                                 merging, config hoisting, fence removal,
//                                 CPU loops <-> accelerator
// A move changes one knob; Implement() regenerates the kernel. Plans carry
// the knob change in brackets, "[autocomp-tuner set tile_j=2]", which
// Implement() reads back. The problem's baseline counts as the default
// knobs (for gemm it is the generator's default output); other code the
// tuner did not write gets no moves.
// Thread-safety: const, stateless; safe to call concurrently.
#pragma once

#include <memory>

#include "common/offline_tuner.h"

namespace autocomp::gemmini {

std::unique_ptr<OfflineTuner> MakeGemminiTuner();

}  // namespace autocomp::gemmini
