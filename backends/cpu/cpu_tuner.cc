// backends/cpu/cpu_tuner.cc — menu moves and implementation for the offline proposer.
#include "cpu_tuner.h"

#include <algorithm>

#include "common/candidate.h"

namespace autocomp::cpu {

using nlohmann::json;

namespace {

constexpr const char* kMarker = "// autocomp-knobs: ";

}  // namespace

const KindTuning* TuningFor(const std::string& kind) {
  if (kind == "gemm") return &GemmTuning();
  if (kind == "conv2d") return &Conv2dTuning();
  if (kind == "softmax") return &SoftmaxTuning();
  return nullptr;
}

std::optional<json> KnobsOf(const Problem& problem, const std::string& code) {
  const KindTuning* tuning = TuningFor(problem.spec.value("kind", ""));
  if (!tuning) return std::nullopt;
  if (code.rfind(kMarker, 0) == 0) return KnobsInMarkerLine(code, kMarker);
  if (NormalizeCode(code) == NormalizeCode(problem.baseline_code)) return tuning->baseline_knobs;
  return std::nullopt;
}

std::vector<std::string> CpuTuner::Menu(const Problem& problem) const {
  std::vector<std::string> lines;
  if (const KindTuning* tuning = TuningFor(problem.spec.value("kind", ""))) {
    for (const auto& entry : tuning->menu) lines.push_back(entry.text);
  }
  return lines;
}

std::vector<TunerMove> CpuTuner::Moves(const Problem& problem, const std::string& parent_code,
                                       const std::vector<int>& kept) const {
  std::vector<TunerMove> moves;
  const KindTuning* tuning = TuningFor(problem.spec.value("kind", ""));
  std::optional<json> knobs = KnobsOf(problem, parent_code);
  if (!tuning || !knobs) return moves;
  for (int index : kept) {
    if (index < 0 || index >= static_cast<int>(tuning->menu.size())) continue;
    const MenuEntry& entry = tuning->menu[index];
    if (!entry.applies(*knobs)) continue;
    TunerMove move;
    move.menu_index = index;
    move.plan = "Optimization " + std::to_string(index + 1) + ": " + entry.text + "\n" +
                entry.explain(*knobs, problem) + "\n" + MoveTag(entry.id);
    moves.push_back(std::move(move));
  }
  return moves;
}

Result<std::string> CpuTuner::Implement(const Problem& problem, const std::string& parent_code,
                                        const std::string& plan, int variant) const {
  const KindTuning* tuning = TuningFor(problem.spec.value("kind", ""));
  if (!tuning) return InvalidArgumentError("no offline knobs for kind '" + problem.spec.value("kind", "") + "'");
  std::optional<json> knobs = KnobsOf(problem, parent_code);
  if (!knobs) return InvalidArgumentError("the offline proposer only edits code it generated or the baseline");
  const std::optional<std::string> move = MoveIdOf(plan);
  if (!move) return InvalidArgumentError("plan names no offline move");
  const std::string& id = *move;
  for (const auto& entry : tuning->menu) {
    if (entry.id != id) continue;
    if (!entry.applies(*knobs)) return InvalidArgumentError("move '" + id + "' does not apply to this code");
    std::vector<json> settings = entry.variants(*knobs, problem);
    if (settings.empty()) return InvalidArgumentError("move '" + id + "' has no setting for this code");
    const json& chosen = settings[static_cast<size_t>(variant) % settings.size()];
    return KnobsLine(kMarker, chosen) + tuning->generate(chosen);
  }
  return InvalidArgumentError("unknown offline move '" + id + "'");
}

}  // namespace autocomp::cpu
