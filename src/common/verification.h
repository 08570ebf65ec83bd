// src/common/verification.h
//
// Re-verification of a result (docs/evaluation.md, contract item 7): a
// correct result measured again with fresh inputs, and the two merged into
// the result that is recorded. The slower score stands; a failure replaces
// the first result (its status and message say it failed re-verification);
// an evaluator failure marks the check as not done, never as passed.
// Every check leaves an entry in metrics["verification"]:
//   {"purpose": "recheck"|"final", "rounds": N, "status": "ok"|..., "first_score", "score"?, "message"?}
#pragma once

#include <optional>
#include <string>

#include "common/eval_result.h"

namespace autocomp {

struct VerificationRequest {
  EvalPurpose purpose = EvalPurpose::kRecheck;  // kRecheck (suspiciously good) or kFinal (best of a problem, end of run)
  int rounds = 2;        // MeasureOptions::rounds of the second measurement
  double threshold = 0;  // recheck: the score that made the result suspicious
};

// `first` must be correct; `again` is the second measurement of the same code.
EvalResult MergeVerification(EvalResult first, EvalResult again, const VerificationRequest& request);

// Whether `result` passed a check of `purpose` (nullopt: any purpose).
bool PassedVerification(const EvalResult& result, std::optional<EvalPurpose> purpose);
// The last check of `purpose` (nullopt: any) recorded in `result`, or null.
const nlohmann::json* LastVerification(const EvalResult& result, std::optional<EvalPurpose> purpose);

}  // namespace autocomp
