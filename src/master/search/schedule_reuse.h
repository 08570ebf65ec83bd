// src/master/search/schedule_reuse.h
//
// Schedule reuse (search.schedule_reuse, docs/config.md): the first problem
// listed of each set leads; every other problem of that set waits until the
// leader's search is over and then starts seeded with the leader's winning
// chain of plans (BeamSearch::SeedWith: iteration i implements the chain's
// i-th plan without asking for one).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/problem.h"
#include "common/run_state.h"

namespace autocomp {

struct SeedChain {
  std::vector<std::string> plans;  // the winning chain's plans, iteration 1 first
  std::string from;                // "cpu/gemm/0: candidates 5, 16, 33"; "" when there is none
};

// For `problem`, one of `problems`: nullopt while it must wait for its
// leader (`searching` says whether a problem's search is still running);
// otherwise the chain to seed it with, empty for a leader or a leader
// without a better candidate than its baseline.
std::optional<SeedChain> ScheduleReuseSeed(const Problem& problem, const std::vector<Problem>& problems,
                                           const RunState& state,
                                           const std::function<bool(const ProblemId&)>& searching);

}  // namespace autocomp
