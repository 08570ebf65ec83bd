// src/common/exit_codes.h
//
// Exit codes of the autocomp binary (documented in docs/cli.md), for the
// master and for worker ranks alike.
#pragma once

#include "common/status.h"

namespace autocomp {

enum ExitCode : int {
  kExitOk = 0,             // done (run finished; eval: the candidate is correct)
  kExitFailed = 1,         // the run failed (internal error); eval: the candidate is not correct
  kExitUsage = 2,          // bad command line, config or problem id
  kExitDataLoss = 3,       // the run file or journal is unreadable or corrupt
  kExitEnvironment = 4,    // missing toolchain, sandbox helper, or an unhealthy worker
  kExitStopped = 5,        // stopped by a signal or budget before finishing; `--resume` continues
};

inline int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound: return kExitUsage;
    case StatusCode::kDataLoss: return kExitDataLoss;
    case StatusCode::kFailedPrecondition:
    case StatusCode::kUnavailable: return kExitEnvironment;
    default: return kExitFailed;
  }
}

}  // namespace autocomp
