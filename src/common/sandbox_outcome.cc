// src/common/sandbox_outcome.cc — eval settings → sandbox limits; failed steps → results.
#include "common/sandbox_outcome.h"

#include <algorithm>
#include <string>

namespace autocomp {

SandboxLimits CandidateLimits(const EvalOptions& eval, double wall_seconds, int64_t min_memory_mb) {
  SandboxLimits limits;
  limits.wall_seconds = wall_seconds;
  limits.memory_bytes = std::max(eval.memory_limit_mb, min_memory_mb) << 20;
  limits.output_bytes = eval.output_limit_mb << 20;
  limits.file_size_bytes = eval.file_size_limit_mb << 20;
  limits.max_processes = eval.max_processes;
  return limits;
}

EvalResult FailedStepResult(const ProcessOutcome& o, std::string_view stage) {
  EvalResult r;
  r.trace = o.Tail(kTraceBytes);
  r.message = std::string(stage) + ": " + o.Describe();
  switch (o.kind) {
    case ProcessOutcome::Kind::kFailedToStart: r.status = EvalStatus::kInfraError; break;
    case ProcessOutcome::Kind::kTimedOut: r.status = EvalStatus::kTimeout; break;
    case ProcessOutcome::Kind::kOutputLimit: r.status = EvalStatus::kResourceLimit; break;
    case ProcessOutcome::Kind::kSignaled:
    case ProcessOutcome::Kind::kExited:
      r.status = (o.memory_limit || o.cpu_limit || o.file_size_limit) ? EvalStatus::kResourceLimit
                                                                        : EvalStatus::kRuntimeError;
      break;
  }
  return r;
}

}  // namespace autocomp
