// backends/cuda/cuda_tuner.h
//
// The offline proposer's knobs for our own cuda problems (spec "tuner":
// matmul, softmax, gemm_bias_gelu): a move replaces torch's operator with a
// custom kernel, then others change one knob at a time — the tile, the
// vector width, the threads per block, fusion on or off. Code comes from a
// template per kind (backends/cuda/tuner/<kind>.py.in) holding both a CPU
// and a CUDA version of the kernel (the candidate takes the one its device
// needs); its first line records the knobs ("# autocomp-knobs: {...}").
// The problem's baseline (the reference) is the setting {"impl": "torch"}.
//
// Thread-safety: stateless after construction; all methods const.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/offline_tuner.h"

namespace autocomp::cuda {

// The knobs `code` was generated with, {"impl": "torch"} for the baseline, or nullopt.
std::optional<nlohmann::json> CudaKnobsOf(const Problem& problem, const std::string& code);

// The candidate file for `knobs` of tuner kind `kind`, from its template.
Result<std::string> GenerateCudaCandidate(const std::filesystem::path& home, const std::string& kind,
                                          const nlohmann::json& knobs);

class CudaTuner final : public OfflineTuner {
 public:
  explicit CudaTuner(std::filesystem::path home) : home_(std::move(home)) {}
  std::vector<std::string> Menu(const Problem& problem) const override;
  std::vector<TunerMove> Moves(const Problem& problem, const std::string& parent_code,
                               const std::vector<int>& kept_menu_entries) const override;
  Result<std::string> Implement(const Problem& problem, const std::string& parent_code, const std::string& plan,
                                int variant) const override;

 private:
  std::filesystem::path home_;
};

}  // namespace autocomp::cuda
