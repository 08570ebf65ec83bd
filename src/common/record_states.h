// src/common/record_states.h
//
// The states a run records besides a candidate's EvalStatus (eval_result.h):
// where a problem's search stands, how a run (session) stands or ended, and
// how an LLM call ended. Enums in code; the names in EnumNames are the
// spelling of the run file, the journal and JSON output (docs/hdf5-schema.md).
#pragma once

#include "common/enum_names.h"

namespace autocomp {

enum class ProblemPhase { kPending, kSearching, kDone, kFailed };

template <>
struct EnumNames<ProblemPhase> {
  static constexpr std::array kNames = {"pending", "searching", "done", "failed"};
};

// The run file's status: running while a session is active, then how the last one ended.
enum class RunStatus { kRunning, kFinished, kStopped, kFailed };

template <>
struct EnumNames<RunStatus> {
  static constexpr std::array kNames = {"running", "finished", "stopped", "failed"};
};

// How an LLM call ended.
enum class LlmCallStatus {
  kOk,         // text returned (possibly cut by max_tokens: see finish_reason)
  kRefused,    // the model or the provider's safety filter declined
  kEmpty,      // a well-formed reply with no text
  kRejected,   // the provider refused the request (4xx other than 429) or it
               //   could not be sent (unknown model, missing key)
  kFailed,     // transient errors (429, 5xx, connection, malformed reply)
               //   outlasted the retries
  kTimeout,    // the last attempt ran past llm.timeout_s
  kBudget,     // not sent because the budget was reached
  kCancelled,  // ended by LlmClient::CancelAll or destruction
  kUncached,   // replay-only mode and no recorded response
};

template <>
struct EnumNames<LlmCallStatus> {
  static constexpr std::array kNames = {
      "ok", "refused", "empty", "rejected", "failed", "timeout", "budget", "cancelled", "uncached"};
};

// Whether a call of this status cost money (it was sent and answered or failed on the way).
constexpr bool LlmCallWasSent(LlmCallStatus s) {
  return s != LlmCallStatus::kBudget && s != LlmCallStatus::kUncached && s != LlmCallStatus::kCancelled;
}

}  // namespace autocomp
