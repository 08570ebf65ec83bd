// backends/gemmini/conv_codegen.h
//
// Generates the int8 3x3 convolution kernels of the exo-conv problem set
// (stride 1, padding 1, NHWC input, weights [3][3][C][K], int32 bias,
// output = ReLU(saturate(round((bias + conv) / 8)))) from a few knobs, for
// the offline tuner. Two code shapes:
//
//   explicit   mvin / preload / compute_preloaded / compute_accumulated per
//              16-pixel x 16-channel tile (the problem's baseline is this
//              shape with the default knobs);
//   loop_conv  the hardware convolution unroller (gemmini_loop_conv_ws) on
//              blocks of output rows x output channels.
//
// Knobs: `rows` output rows per block (explicit: rows sharing one preload of
// each weight tile, which later rows reuse with compute_accumulated);
// `och` 16-channel output blocks per block; `wreuse` weights of a channel
// group moved into the scratchpad once and reused for every block (loop_conv:
// passed only to the first call of each group); `dbuf` two scratchpad (and
// accumulator) regions used alternately, so moving in the next tile does not
// overwrite the one being computed. Generated code starts with its knob
// comment ("// autocomp-tuner conv: ...").
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>

namespace autocomp::gemmini {

struct ConvShape {
  int N = 0, H = 0, W = 0, C = 0, K = 0;  // C, K multiples of 16
};

struct ConvKnobs {
  bool loop_conv = false;
  int rows = 1;         // output rows per block; divides H
  int och = 1;          // 16-channel output blocks per block; divides K / 16
  bool wreuse = false;
  bool dbuf = false;
  bool operator==(const ConvKnobs&) const = default;
};

std::string ConvKnobComment(const ConvKnobs& k);
std::optional<ConvKnobs> ParseConvKnobs(const std::string& code);
// Whether `k` is legal for `s` (divisibility, scratchpad and accumulator capacity).
bool ConvKnobsValid(const ConvShape& s, const ConvKnobs& k);
// The kernel (with `signature` as its first line); requires ConvKnobsValid(s, k).
std::string GenerateConv(const ConvShape& s, const ConvKnobs& k, const std::string& signature);

}  // namespace autocomp::gemmini
