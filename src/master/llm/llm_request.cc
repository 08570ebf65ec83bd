// src/master/llm/llm_request.cc — the request hash.
#include "master/llm/llm_request.h"

#include <nlohmann/json.hpp>

#include "common/hashing.h"

namespace autocomp {

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
