// src/master/llm/ensemble.h
//
// How one phase's n calls are divided across the configured models.
//
// Without weights (or with all weights equal) it does what the original
// Autocomp does: each of the M models gets n / M calls and the remainder
// goes one each to the first models in config order. With weights, model i
// gets n * w_i / sum(w) rounded down, and the calls left over go one each to
// the models with the largest fractional parts (ties: config order). A
// model missing from `weights` has weight 1; weight 0 means no calls.
//
// Thread-safety: pure function.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace autocomp {

// One entry per model, in the order of `models` (counts may be 0); the
// counts add up to n. Empty if n <= 0, `models` is empty or all weights are 0.
std::vector<std::pair<std::string, int>> SplitCalls(int n, const std::vector<std::string>& models,
                                                    const std::map<std::string, double>& weights = {});

}  // namespace autocomp
