// backends/cuda/cuda_tuner.cc — knob moves and template code for the offline proposer.
#include "cuda/cuda_tuner.h"

#include <algorithm>

#include "common/candidate.h"
#include "common/file_text.h"
#include "common/hashing.h"

namespace autocomp::cuda {

using nlohmann::json;

namespace {

constexpr const char* kMarker = "# autocomp-knobs: ";

// One menu line: "custom" leaves torch's operator; every other move changes `knob`.
struct Move {
  std::string id;
  std::string text;
  std::string knob;
  std::vector<json> values;
};

struct Kind {
  std::string name;
  json custom;  // the first custom-kernel setting
  std::vector<Move> menu;
};

const std::vector<Kind>& Kinds() {
  static const std::vector<Kind> kinds = {
      {"matmul",
       {{"impl", "tiled"}, {"tile", 64}, {"vec", 8}},
       {{"custom", "Replace torch's operator with a custom kernel that computes each output element directly", "", {}},
        {"tile", "Tile the loops: cache blocks on a CPU, shared-memory tiles on a GPU (tile size T)", "tile",
         {16, 32, 64, 128}},
        {"naive", "Compute each output as one dot product (no tiling), for comparison", "impl", {"naive"}},
        {"vec", "Vectorize the innermost loop: update several outputs per step", "vec", {4, 8, 16}}}},
      {"softmax",
       {{"impl", "custom"}, {"fuse", 0}, {"vec", 8}, {"threads", 256}},
       {{"custom", "Replace torch's operator with a custom kernel: one row per block (GPU) or per loop (CPU)", "", {}},
        {"fuse", "Fuse the passes: compute the row maximum and the sum of exponentials in one online pass", "fuse",
         {1}},
        {"vec", "Vectorize the element loops: several elements per step", "vec", {1, 4, 16}},
        {"threads", "Change the threads per block of the row kernel (occupancy against reduction depth)", "threads",
         {128, 512, 1024}}}},
      {"gemm_bias_gelu",
       {{"impl", "custom"}, {"fuse", 0}, {"tile", 8}, {"vec", 16}, {"threads", 256}},
       {{"custom", "Replace torch's Linear and GELU with custom kernels (a GEMM, then an epilogue pass)", "", {}},
        {"fuse", "Fuse the bias, the GELU and the scale into the GEMM's store of each output (no second pass)",
         "fuse", {1}},
        {"tile", "Change the tile: rows per block on a CPU, the shared-memory tile on a GPU", "tile", {4, 16, 32}},
        {"vec", "Register blocking: compute several outputs per load of an input row", "vec", {4, 8, 32}},
        {"threads", "Change the threads per block of the epilogue pass", "threads", {128, 512}}}},
  };
  return kinds;
}

const Kind* KindOf(const Problem& problem) {
  const std::string name = problem.spec.value("tuner", "");
  for (const Kind& k : Kinds()) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

bool Applies(const Move& move, const json& knobs) {
  const bool torch = knobs.value("impl", "") == "torch";
  if (move.id == "custom") return torch;
  if (torch || !knobs.contains(move.knob)) return false;
  return std::any_of(move.values.begin(), move.values.end(), [&](const json& v) { return v != knobs[move.knob]; });
}

std::vector<json> Settings(const Kind& kind, const Move& move, const json& knobs) {
  if (move.id == "custom") return {kind.custom};
  std::vector<json> out;
  for (const json& v : move.values) {
    if (v == knobs[move.knob]) continue;
    json next = knobs;
    next[move.knob] = v;
    out.push_back(next);
  }
  return out;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string Number(const json& knobs, const char* key, int fallback) {
  return std::to_string(knobs.value(key, fallback));
}

}  // namespace

std::optional<json> CudaKnobsOf(const Problem& problem, const std::string& code) {
  if (!KindOf(problem)) return std::nullopt;
  if (code.rfind(kMarker, 0) == 0) return KnobsInMarkerLine(code, kMarker);
  if (NormalizeCode(code) == NormalizeCode(problem.baseline_code)) return json{{"impl", "torch"}};
  return std::nullopt;
}

Result<std::string> GenerateCudaCandidate(const std::filesystem::path& home, const std::string& kind,
                                          const json& knobs) {
  AUTOCOMP_ASSIGN_OR_RETURN(std::string text, ReadFileText(home / "backends/cuda/tuner" / (kind + ".py.in")));
  const int tile = knobs.value("tile", 32);
  text = Replace(text, "{{KEY}}", Sha256Hex(knobs.dump()).substr(0, 10));
  text = Replace(text, "{{IMPL}}", knobs.value("impl", "custom"));
  text = Replace(text, "{{TILED}}", knobs.value("impl", "") == "tiled" ? "1" : "0");
  text = Replace(text, "{{TILE}}", std::to_string(tile));
  text = Replace(text, "{{CUDA_TILE}}", std::to_string(std::clamp(tile, 8, 32)));  // at most 1024 threads per block
  text = Replace(text, "{{VEC}}", Number(knobs, "vec", 1));
  text = Replace(text, "{{FUSE}}", Number(knobs, "fuse", 0));
  text = Replace(text, "{{THREADS}}", Number(knobs, "threads", 256));
  return KnobsLine(kMarker, knobs) + text;
}

std::vector<std::string> CudaTuner::Menu(const Problem& problem) const {
  std::vector<std::string> lines;
  if (const Kind* kind = KindOf(problem)) {
    for (const Move& m : kind->menu) lines.push_back(m.text);
  }
  return lines;
}

std::vector<TunerMove> CudaTuner::Moves(const Problem& problem, const std::string& parent_code,
                                        const std::vector<int>& kept) const {
  std::vector<TunerMove> moves;
  const Kind* kind = KindOf(problem);
  const std::optional<json> knobs = CudaKnobsOf(problem, parent_code);
  if (!kind || !knobs) return moves;
  for (int index : kept) {
    if (index < 0 || index >= static_cast<int>(kind->menu.size())) continue;
    const Move& m = kind->menu[static_cast<size_t>(index)];
    if (!Applies(m, *knobs)) continue;
    TunerMove move;
    move.menu_index = index;
    std::string now = knobs->dump();
    move.plan = "Optimization " + std::to_string(index + 1) + ": " + m.text + "\nThe current code has the setting " +
                now + (m.knob.empty() ? "" : "; this changes " + m.knob + ".") + "\n" + MoveTag(m.id);
    moves.push_back(std::move(move));
  }
  return moves;
}

Result<std::string> CudaTuner::Implement(const Problem& problem, const std::string& parent_code,
                                         const std::string& plan, int variant) const {
  const Kind* kind = KindOf(problem);
  if (!kind) return InvalidArgumentError("no offline knobs for " + problem.id.ToString());
  const std::optional<json> knobs = CudaKnobsOf(problem, parent_code);
  if (!knobs) return InvalidArgumentError("the offline proposer only edits code it generated or the baseline");
  const std::optional<std::string> move = MoveIdOf(plan);
  if (!move) return InvalidArgumentError("plan names no offline move");
  const std::string& id = *move;
  for (const Move& m : kind->menu) {
    if (m.id != id) continue;
    if (!Applies(m, *knobs)) return InvalidArgumentError("move '" + id + "' does not apply to this code");
    const std::vector<json> settings = Settings(*kind, m, *knobs);
    if (settings.empty()) return InvalidArgumentError("move '" + id + "' has no setting for this code");
    return GenerateCudaCandidate(home_, kind->name, settings[static_cast<size_t>(variant) % settings.size()]);
  }
  return InvalidArgumentError("unknown offline move '" + id + "'");
}

}  // namespace autocomp::cuda
