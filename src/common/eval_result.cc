// src/common/eval_result.cc — EvalStatus names; failed builds and infrastructure errors.
#include "common/eval_result.h"

namespace autocomp {

const char* EvalStatusName(EvalStatus status) { return NameOf(status); }

std::optional<EvalStatus> ParseEvalStatus(const std::string& name) { return FromName<EvalStatus>(name); }

BuildResult& FailBuild(BuildResult& build, EvalStatus status, std::string message) {
  build.ok = false;
  build.status = status;
  build.message = std::move(message);
  return build;
}

EvalResult InfraErrorResult(std::string message) {
  EvalResult r;
  r.status = EvalStatus::kInfraError;
  r.message = std::move(message);
  return r;
}

}  // namespace autocomp
