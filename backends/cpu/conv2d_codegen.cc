// backends/cpu/conv2d_codegen.cc
//
// Knobs and code generator for the conv2d problems (3×3, stride 1, no
// padding, NCHW). Knobs:
//   order   "naive" (one output at a time, reduction innermost) |
//           "channel_outer" (accumulate whole output rows; the x loop is innermost)
//   kblock  1 | 2 | 4 | 8   output channels computed together, sharing each input load
//   simd    bool            mark the x loop `#pragma omp simd`
//   hoist   bool            load the 3×3 weights of the block into locals once per channel
#include <string>

#include "codegen_text.h"
#include "cpu_tuner.h"

namespace autocomp::cpu {

using nlohmann::json;

namespace {

std::string S(long v) { return std::to_string(v); }

std::string Naive() {
  return R"(void conv2d(int N, int C, int H, int W, int K, const float* input, const float* weight,
            float* output) {
  int OH = H - 2, OW = W - 2;
  for (int n = 0; n < N; ++n)
    for (int k = 0; k < K; ++k)
      for (int y = 0; y < OH; ++y)
        for (int x = 0; x < OW; ++x) {
          float sum = 0.0f;
          for (int c = 0; c < C; ++c)
            for (int r = 0; r < 3; ++r)
              for (int s = 0; s < 3; ++s)
                sum += weight[((k * C + c) * 3 + r) * 3 + s] * input[((n * C + c) * H + y + r) * W + x + s];
          output[((n * K + k) * OH + y) * OW + x] = sum;
        }
}
)";
}

// The body for KB output channels at once; `kb` is a literal.
std::string BlockBody(int kb, bool simd, bool hoist) {
  std::string body;
  body += "        for (int c = 0; c < C; ++c) {\n";
  if (hoist) {
    body += "          float w[" + S(kb) + "][9];\n";
    body += "          for (int b = 0; b < " + S(kb) + "; ++b)\n";
    body += "            for (int t = 0; t < 9; ++t) w[b][t] = weight[((long)(k + b) * C + c) * 9 + t];\n";
  }
  body += "          for (int y = 0; y < OH; ++y) {\n";
  body += "            const float* in0 = input + (((long)n * C + c) * H + y) * W;\n";
  body += "            const float* in1 = in0 + W;\n";
  body += "            const float* in2 = in1 + W;\n";
  for (int b = 0; b < kb; ++b) {
    body += "            float* out" + S(b) + " = output + (((long)n * K + k + " + S(b) + ") * OH + y) * OW;\n";
    if (!hoist) {
      body += "            const float* w" + S(b) + " = weight + ((long)(k + " + S(b) + ") * C + c) * 9;\n";
    }
  }
  if (simd) body += "#pragma omp simd\n";
  body += "            for (int x = 0; x < OW; ++x) {\n";
  body += "              const float i00 = in0[x], i01 = in0[x + 1], i02 = in0[x + 2];\n";
  body += "              const float i10 = in1[x], i11 = in1[x + 1], i12 = in1[x + 2];\n";
  body += "              const float i20 = in2[x], i21 = in2[x + 1], i22 = in2[x + 2];\n";
  for (int b = 0; b < kb; ++b) {
    std::string w = hoist ? "w[" + S(b) + "]" : "w" + S(b);
    body += "              out" + S(b) + "[x] += " + w + "[0] * i00 + " + w + "[1] * i01 + " + w + "[2] * i02 + " +
            w + "[3] * i10 + " + w + "[4] * i11 + " + w + "[5] * i12 + " + w + "[6] * i20 + " + w +
            "[7] * i21 + " + w + "[8] * i22;\n";
  }
  body += "            }\n          }\n        }\n";
  return body;
}

std::string ChannelOuter(const json& k) {
  const int kb = k.value("kblock", 1);
  const bool simd = k.value("simd", false), hoist = k.value("hoist", false);
  return Fill(R"(// Output rows accumulated channel by channel; @KB@ output channel(s) share each input load.
void conv2d(int N, int C, int H, int W, int K, const float* restrict input,
            const float* restrict weight, float* restrict output) {
  const int OH = H - 2, OW = W - 2;
  for (long i = 0; i < (long)N * K * OH * OW; ++i) output[i] = 0.0f;
  for (int n = 0; n < N; ++n) {
    int k = 0;
    for (; k + @KB@ <= K; k += @KB@) {
@MAIN@    }
    for (; k < K; ++k) {
@TAIL@    }
  }
}
)",
              {{"KB", S(kb)}, {"MAIN", BlockBody(kb, simd, hoist)}, {"TAIL", BlockBody(1, simd, hoist)}});
}

std::string Generate(const json& k) {
  return k.value("order", "naive") == "naive" ? Naive() : ChannelOuter(k);
}

json With(json k, const char* key, json value) {
  k[key] = std::move(value);
  return k;
}

std::string Shape(const Problem& p) {
  auto d = [&](const char* n) { return S(p.spec.value(n, 0L)); };
  return "For N=" + d("N") + " C=" + d("C") + " " + d("H") + "x" + d("W") + " K=" + d("K") + ", ";
}

KindTuning MakeConv2dTuning() {
  KindTuning t;
  t.kind = "conv2d";
  t.baseline_knobs = {{"order", "naive"}, {"kblock", 1}, {"simd", false}, {"hoist", false}};
  t.generate = Generate;
  t.menu = {
      {"loop_order",
       "reorder loops so the innermost loop walks contiguous memory",
       [](const json& k) { return k["order"] == "naive"; },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "order", "channel_outer")}; },
       [](const json&, const Problem& p) {
         return Shape(p) + "move the channel and filter loops outward and accumulate whole output rows, "
                           "so the innermost loop runs along x with unit stride.";
       }},
      {"block_channels",
       "compute several outputs together so each loaded input is reused",
       [](const json& k) { return k["order"] == "channel_outer" && k["kblock"] == 1; },
       [](const json& k, const Problem&) {
         return std::vector<json>{With(k, "kblock", 4), With(k, "kblock", 2), With(k, "kblock", 8)};
       },
       [](const json&, const Problem& p) {
         return Shape(p) + "compute a block of output channels per pass so the nine input values "
                           "loaded for each x are used by every channel in the block.";
       }},
      {"vectorize",
       "make the innermost loop vectorize (no aliasing, simd pragmas)",
       [](const json& k) { return k["order"] == "channel_outer" && !k["simd"].get<bool>(); },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "simd", true)}; },
       [](const json&, const Problem& p) { return Shape(p) + "mark the x loop as a simd loop."; }},
      {"hoist_invariants",
       "hoist loop-invariant loads and address arithmetic out of inner loops",
       [](const json& k) { return k["order"] == "channel_outer" && !k["hoist"].get<bool>(); },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "hoist", true)}; },
       [](const json&, const Problem& p) {
         return Shape(p) + "load the 3x3 weights of the channel block into locals once per input channel.";
       }},
      {"retune_block",
       "retune block sizes to the register file and the problem shape",
       [](const json& k) { return k["order"] == "channel_outer" && k["kblock"] != 1; },
       [](const json& k, const Problem&) {
         std::vector<json> out;
         for (int kb : {2, 4, 8}) {
           if (k["kblock"] != kb) out.push_back(With(k, "kblock", kb));
         }
         return out;
       },
       [](const json& k, const Problem& p) {
         return Shape(p) + "the channel block is " + k["kblock"].dump() + "; try another size.";
       }},
  };
  return t;
}

}  // namespace

const KindTuning& Conv2dTuning() {
  static const KindTuning tuning = MakeConv2dTuning();
  return tuning;
}

}  // namespace autocomp::cpu
