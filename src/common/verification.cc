// src/common/verification.cc — merging a re-verification into a result.
#include "common/verification.h"

#include <algorithm>

namespace autocomp {

EvalResult MergeVerification(EvalResult first, EvalResult again, const VerificationRequest& request) {
  const double first_score = first.score.value_or(0);
  nlohmann::json check = {{"purpose", NameOf(request.purpose)}, {"rounds", request.rounds},
                          {"status", EvalStatusName(again.status)}, {"first_score", first_score}};
  if (request.threshold > 0) check["threshold"] = request.threshold;
  const std::string what = request.purpose == EvalPurpose::kFinal ? "the final re-verification"
                                                      : "the re-check of a suspiciously good result";
  auto record = [&](EvalResult& into) {
    if (!into.metrics.is_object()) into.metrics = nlohmann::json::object();
    nlohmann::json& list = into.metrics["verification"];
    if (!list.is_array()) list = nlohmann::json::array();
    list.push_back(check);
  };
  if (again.correct()) {
    // The slower of the two stands: a lucky first measurement gains nothing.
    check["score"] = *again.score;
    // The message stays as it was: it feeds prompts, and whether a check ran
    // depends on timing (a replay must see the same text). metrics say it.
    first.score = std::max(first_score, *again.score);
    first.run_seconds += again.run_seconds;
    record(first);
    return first;
  }
  check["message"] = again.message;
  if (again.status == EvalStatus::kInfraError) {
    // The evaluator failed, not the code: the check did not happen.
    if (request.purpose == EvalPurpose::kFinal) {
      record(first);  // the report says why it is not re-verified
      return first;
    }
    first.status = EvalStatus::kInfraError;
    first.score.reset();
    first.message = what + " could not run: " + again.message;
    record(first);
    return first;
  }
  nlohmann::json first_metrics = first.metrics;
  record(first);
  again.metrics["verification"] = first.metrics["verification"];
  again.metrics["first_measurement"] = first_metrics;
  again.message = "failed " + what + " (first score " + std::to_string(first_score) + "): " + again.message;
  again.run_seconds += first.run_seconds;
  again.build_seconds = first.build_seconds;
  return again;
}

const nlohmann::json* LastVerification(const EvalResult& result, std::optional<EvalPurpose> purpose) {
  if (!result.metrics.is_object() || !result.metrics.contains("verification")) return nullptr;
  const nlohmann::json& list = result.metrics["verification"];
  if (!list.is_array()) return nullptr;
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    if (it->is_object() && (!purpose || it->value("purpose", "") == NameOf(*purpose))) return &*it;
  }
  return nullptr;
}

bool PassedVerification(const EvalResult& result, std::optional<EvalPurpose> purpose) {
  const nlohmann::json* last = LastVerification(result, purpose);
  return last && last->value("status", "") == EvalStatusName(EvalStatus::kOk);
}

}  // namespace autocomp
