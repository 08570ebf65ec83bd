// src/master/problem_selection.h
//
// Turns the config's "problems" entries into loaded Problems, checking
// every set and id against the backend. Errors name the config file and
// the entry: "demo.json: problems[1]: cpu/gemm has no problem 9 (known: 0, 1, 2)".
#pragma once

#include <vector>

#include "common/backend.h"
#include "common/config.h"

namespace autocomp {

// `source` names the config file in errors.
Result<std::vector<Problem>> ResolveProblems(const std::vector<ProblemSelection>& selections,
                                             const std::string& source, const Backend& backend);

}  // namespace autocomp
