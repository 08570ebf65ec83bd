// backends/cpu/cpu_tuner.h
//
// The offline proposer's knowledge of the cpu problems. Each problem kind
// (gemm, conv2d, softmax) has knobs — loop order, cache tiles, register
// tiles, packing, unrolling, vectorization, cheaper math — and a code
// generator that writes a complete candidate from a knob setting. The
// generated code records its knobs on its first line
// (`// autocomp-knobs: {...}`); the problem's baseline counts as the
// default setting. Moves change one knob group at a time, as one entry of
// the optimization menu would.
//
// Thread-safety: stateless; all methods const.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/offline_tuner.h"

namespace autocomp::cpu {

// One menu entry of one problem kind.
struct MenuEntry {
  std::string id;           // "cache_blocking"
  std::string text;         // the menu line shown in prompts
  // Whether the move applies to these knobs.
  bool (*applies)(const nlohmann::json& knobs);
  // Concrete knob settings this move can produce (variant i = element i mod size).
  std::vector<nlohmann::json> (*variants)(const nlohmann::json& knobs, const Problem& problem);
  // One sentence saying what the move does to this code, for the plan.
  std::string (*explain)(const nlohmann::json& knobs, const Problem& problem);
};

// A problem kind's knobs, menu and generator.
struct KindTuning {
  std::string kind;
  nlohmann::json baseline_knobs;
  std::vector<MenuEntry> menu;
  std::string (*generate)(const nlohmann::json& knobs);
};

const KindTuning* TuningFor(const std::string& kind);

// Knobs of `code`: from its marker line, or the baseline's if it is the baseline.
std::optional<nlohmann::json> KnobsOf(const Problem& problem, const std::string& code);

class CpuTuner final : public OfflineTuner {
 public:
  std::vector<std::string> Menu(const Problem& problem) const override;
  std::vector<TunerMove> Moves(const Problem& problem, const std::string& parent_code,
                               const std::vector<int>& kept_menu_entries) const override;
  Result<std::string> Implement(const Problem& problem, const std::string& parent_code,
                                const std::string& plan, int variant) const override;
};

// Per-kind tunings (gemm_codegen.cc, conv2d_codegen.cc, softmax_codegen.cc).
const KindTuning& GemmTuning();
const KindTuning& Conv2dTuning();
const KindTuning& SoftmaxTuning();

}  // namespace autocomp::cpu
