// src/master/llm/llm_request.h
//
// The records that flow through the LLM layer: what the search asks
// (LlmRequest), what every finished call leaves behind for the run file
// (LlmCallRecord), and what the search gets back (LlmResponse).
//
// A response carries text only when its status is OK: a call that failed,
// was refused, timed out or was never sent has empty text, so it can never
// be taken for content.
//
// No field of these records ever holds an API key; error texts are scrubbed
// of every key the client knows before they are stored here.
//
// Thread-safety: plain values; copy freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/record_states.h"
#include "common/run_state.h"
#include "common/status.h"

namespace autocomp {

struct LlmRequest {
  std::string model;   // "openai/o3-mini" (see model_name.h)
  std::string system;  // system prompt; may be empty
  std::string prompt;  // the user message
  // Unset / 0 / empty: take the value from the config (llm.model_params for
  // this model, else llm.temperature / llm.max_tokens / llm.reasoning_effort).
  std::optional<double> temperature;
  int max_tokens = 0;
  std::string reasoning_effort;  // "minimal", "low", "medium", "high"
  std::string phase;             // "plan", "implement", …; recorded, not sent
  uint64_t tag = 0;              // caller's cookie, returned in LlmResponse
  // Distinguishes repeated samples of one identical prompt: part of the
  // request hash, so n samples are n cache entries rather than one.
  uint32_t sample = 0;
};

// How a call ended: LlmCallStatus (common/record_states.h, shared with the run file).
inline const char* LlmCallStatusName(LlmCallStatus status) { return NameOf(status); }
inline std::optional<LlmCallStatus> ParseLlmCallStatus(std::string_view name) { return FromName<LlmCallStatus>(name); }

// LlmCallRecord (how one call went) is in common/run_state.h: the run file keeps it.

struct LlmResponse {
  uint64_t tag = 0;
  uint32_t sample = 0;
  Status status;     // OK iff record.status == kOk
  std::string text;  // empty unless status is OK
  LlmCallRecord record;
};

// The parameters a call is sent with, after the config's defaults are applied.
struct ResolvedParams {
  std::optional<double> temperature;
  int max_tokens = 0;
  std::string reasoning_effort;  // empty: not sent
};

// Lower-case hex SHA-256 over a canonical JSON of (format version, full model
// name — which names the provider —, system, prompt, resolved parameters,
// sample). Never covers keys, URLs or the phase. Stable across runs.
std::string LlmRequestHash(const std::string& model, const std::string& system,
                           const std::string& prompt, const ResolvedParams& params,
                           uint32_t sample);

}  // namespace autocomp
