// src/common/sandbox_outcome.h
//
// What every backend does with the sandbox: the limits a candidate's build
// or run gets from the eval settings, and the result a failed step becomes —
// its status from how the process ended (killed at a limit: resource_limit;
// past its wall time: timeout; could not start: infra_error; crashed or
// exited non-zero: runtime_error), a message "<stage>: <what happened>"
// and the tail of its output as the trace.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/eval_options.h"
#include "common/eval_result.h"
#include "common/sandbox.h"

namespace autocomp {

constexpr size_t kTraceBytes = 8000;  // the output tail a result keeps

// `min_memory_mb`: a floor for evaluators that need more than a candidate (a simulator's DRAM).
SandboxLimits CandidateLimits(const EvalOptions& eval, double wall_seconds, int64_t min_memory_mb = 0);

EvalResult FailedStepResult(const ProcessOutcome& outcome, std::string_view stage);

}  // namespace autocomp
