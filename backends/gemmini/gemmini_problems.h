// backends/gemmini/gemmini_problems.h
//
// The gemmini problem sets under <home>/sols/gemmini/<set>/:
//
//   problems.json     {"kind", "config", "harness", "summary", "problems": [
//                        {"index", "description", "dims": {...}, "defines": {...},
//                         "signature"}, ...]}
//   <index>/baseline.c   the unoptimized start point of the search
//   <index>/tuned.c      a hand-tuned version to compare with (optional)
//
// Harnesses live in <home>/backends/gemmini/harness/<harness>_harness.c with
// their reference in <harness>_reference.c; `defines` are passed to both
// (and to the candidate) as -D flags. Problem::spec holds the problem entry
// plus the set's kind, config and harness.
//
// Failure: NotFound for an unknown set or index (the message lists what
// exists), DataLoss for a malformed problems.json. Thread-safety: free
// functions reading files; safe to call concurrently.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/problem.h"
#include "common/status.h"

namespace autocomp::gemmini {

Result<std::vector<ProblemInfo>> ListGemminiProblems(const std::filesystem::path& home);
Result<Problem> LoadGemminiProblem(const std::filesystem::path& home, const ProblemId& id);

// "-DNAME=value" flags from spec["defines"].
std::vector<std::string> ProblemDefines(const Problem& problem);

}  // namespace autocomp::gemmini
