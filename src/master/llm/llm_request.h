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

// How a call ended. Names (LlmCallStatusName) are what the run file stores.
enum class LlmCallStatus {
  kOk,         // "ok": text returned (possibly cut by max_tokens: see finish_reason)
  kRefused,    // "refused": the model or the provider's safety filter declined
  kEmpty,      // "empty": a well-formed reply with no text
  kRejected,   // "rejected": the provider refused the request (4xx other than
               //   429) or it could not be sent (unknown model, missing key)
  kFailed,     // "failed": transient errors (429, 5xx, connection, malformed
               //   reply) outlasted the retries
  kTimeout,    // "timeout": the last attempt ran past llm.timeout_s
  kBudget,     // "budget": not sent because the budget was reached
  kCancelled,  // "cancelled": ended by LlmClient::CancelAll or destruction
  kUncached,   // "uncached": replay-only mode and no recorded response
};

const char* LlmCallStatusName(LlmCallStatus status);
std::optional<LlmCallStatus> ParseLlmCallStatus(std::string_view name);

// One row of the run file's LLM call table.
struct LlmCallRecord {
  double start_time_unix = 0;  // first attempt sent (Submit time if never sent)
  std::string provider;        // "openai", "anthropic", "gemini", "together", server name
  std::string model;           // full name, "openai/o3-mini"
  std::string phase;
  int64_t prompt_tokens = 0;      // from the provider's usage fields
  int64_t completion_tokens = 0;  // includes reasoning/thinking tokens
  double latency_s = 0;           // first send to final answer, retries included
  double cost_usd = 0;            // 0 for cached replies and unpriced models
  bool price_known = false;       // the price table had this model
  LlmCallStatus status = LlmCallStatus::kFailed;
  int http_status = 0;            // of the last attempt; 0 if none completed
  int retries = 0;                // re-sends after the first attempt
  std::string request_hash;       // LlmRequestHash(); the cache key
  std::string finish_reason;      // provider's own word: "stop", "length", "end_turn", …
  std::string dropped_params;     // comma-separated parameters dropped for this model
  bool cached = false;            // answered from the response cache, nothing sent
  std::string error;              // why it is not "ok"; never contains a key
};

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
