// src/master/llm/llm_request.cc — status names and the request hash.
#include "master/llm/llm_request.h"

#include <nlohmann/json.hpp>

#include "common/hashing.h"

namespace autocomp {

namespace {
constexpr LlmCallStatus kAllStatuses[] = {
    LlmCallStatus::kOk,     LlmCallStatus::kRefused, LlmCallStatus::kEmpty,
    LlmCallStatus::kRejected, LlmCallStatus::kFailed, LlmCallStatus::kTimeout,
    LlmCallStatus::kBudget, LlmCallStatus::kCancelled, LlmCallStatus::kUncached,
};
}  // namespace

const char* LlmCallStatusName(LlmCallStatus status) {
  switch (status) {
    case LlmCallStatus::kOk: return "ok";
    case LlmCallStatus::kRefused: return "refused";
    case LlmCallStatus::kEmpty: return "empty";
    case LlmCallStatus::kRejected: return "rejected";
    case LlmCallStatus::kFailed: return "failed";
    case LlmCallStatus::kTimeout: return "timeout";
    case LlmCallStatus::kBudget: return "budget";
    case LlmCallStatus::kCancelled: return "cancelled";
    case LlmCallStatus::kUncached: return "uncached";
  }
  return "unknown";
}

std::optional<LlmCallStatus> ParseLlmCallStatus(std::string_view name) {
  for (LlmCallStatus s : kAllStatuses) {
    if (name == LlmCallStatusName(s)) return s;
  }
  return std::nullopt;
}

std::string LlmRequestHash(const std::string& model, const std::string& system,
                           const std::string& prompt, const ResolvedParams& params,
                           uint32_t sample) {
  // nlohmann::json objects keep keys sorted, so dump() is canonical.
  nlohmann::json canonical = {
      {"v", 1},
      {"model", model},
      {"system", system},
      {"prompt", prompt},
      {"temperature", params.temperature ? nlohmann::json(*params.temperature) : nullptr},
      {"max_tokens", params.max_tokens},
      {"reasoning_effort", params.reasoning_effort},
      {"sample", sample},
  };
  return Sha256Hex(canonical.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace autocomp
