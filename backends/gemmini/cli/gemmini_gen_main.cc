// backends/gemmini/cli/gemmini_gen_main.cc — autocomp-gemmini-gen: prints
// the int8 GEMM kernel gemm_codegen makes for a shape and knob settings.
// Used to (re)generate the baselines and tuned versions in sols/gemmini.
//
//   autocomp-gemmini-gen I K J [tile_i=N] [tile_j=N] [a_reuse=0|1]
//                              [wide_mvin=0|1] [unroll=N] [loop_ws=0..4]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "gemm_codegen.h"

using autocomp::gemmini::GemmKnobs;
using autocomp::gemmini::GemmShape;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: autocomp-gemmini-gen I K J [knob=value ...]\n");
    return 2;
  }
  GemmShape s{std::atoi(argv[1]), std::atoi(argv[2]), std::atoi(argv[3])};
  GemmKnobs k;
  for (int i = 4; i < argc; ++i) {
    std::string a = argv[i];
    size_t eq = a.find('=');
    if (eq == std::string::npos) {
      std::fprintf(stderr, "autocomp-gemmini-gen: expected knob=value, got '%s'\n", argv[i]);
      return 2;
    }
    std::string name = a.substr(0, eq);
    int v = std::atoi(a.c_str() + eq + 1);
    if (name == "tile_i") k.tile_i = v;
    else if (name == "tile_j") k.tile_j = v;
    else if (name == "a_reuse") k.a_reuse = v;
    else if (name == "wide_mvin") k.wide_mvin = v;
    else if (name == "unroll") k.unroll = v;
    else if (name == "loop_ws") k.loop_ws = v;
    else {
      std::fprintf(stderr, "autocomp-gemmini-gen: unknown knob '%s'\n", name.c_str());
      return 2;
    }
  }
  if (!autocomp::gemmini::GemmKnobsValid(s, k)) {
    std::fprintf(stderr, "autocomp-gemmini-gen: these knobs are not valid for %dx%dx%d\n", s.I, s.K, s.J);
    return 1;
  }
  std::fputs(autocomp::gemmini::GenerateGemm(s, k).c_str(), stdout);
  return 0;
}
