// backends/gemmini/cli/gemmini_gen_main.cc — autocomp-gemmini-gen: prints
// the int8 GEMM kernel gemm_codegen makes for a shape and knob settings.
// Used to (re)generate the baselines and tuned versions in sols/gemmini.
//
//   autocomp-gemmini-gen I K J [tile_i=N] [tile_j=N] [a_reuse=0|1]
//                              [wide_mvin=0|1] [unroll=N] [loop_ws=0..4]
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/number_text.h"
#include "gemm_codegen.h"

using autocomp::gemmini::GemmKnobs;
using autocomp::gemmini::GemmShape;

int main(int argc, char** argv) {
  CLI::App app("autocomp-gemmini-gen: prints the int8 GEMM kernel for a shape and knob settings");
  GemmShape s{};
  std::vector<std::string> knobs;
  app.add_option("I", s.I)->required();
  app.add_option("K", s.K)->required();
  app.add_option("J", s.J)->required();
  app.add_option("knobs", knobs, "tile_i=N tile_j=N a_reuse=0|1 wide_mvin=0|1 unroll=N loop_ws=0..4");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help is not an error; anything else is a usage error
  }

  GemmKnobs k;
  const std::map<std::string, std::function<void(int)>> slots = {
      {"tile_i", [&](int v) { k.tile_i = v; }},       {"tile_j", [&](int v) { k.tile_j = v; }},
      {"a_reuse", [&](int v) { k.a_reuse = v != 0; }}, {"wide_mvin", [&](int v) { k.wide_mvin = v != 0; }},
      {"unroll", [&](int v) { k.unroll = v; }},       {"loop_ws", [&](int v) { k.loop_ws = v; }}};
  for (const std::string& knob : knobs) {
    const size_t eq = knob.find('=');
    const auto slot = eq == std::string::npos ? slots.end() : slots.find(knob.substr(0, eq));
    const auto value = eq == std::string::npos ? std::nullopt : autocomp::ParseNumber<int>(knob.substr(eq + 1));
    if (slot == slots.end() || !value) {
      std::fprintf(stderr, "autocomp-gemmini-gen: expected knob=integer with a known knob, got '%s'\n", knob.c_str());
      return 2;
    }
    slot->second(*value);
  }
  if (!autocomp::gemmini::GemmKnobsValid(s, k)) {
    std::fprintf(stderr, "autocomp-gemmini-gen: these knobs are not valid for %dx%dx%d\n", s.I, s.K, s.J);
    return 1;
  }
  std::fputs(autocomp::gemmini::GenerateGemm(s, k).c_str(), stdout);
  return 0;
}
