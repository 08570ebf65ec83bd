// src/master/search/schedule_reuse.cc — a set's leader seeds the rest of the set.
#include "master/search/schedule_reuse.h"

namespace autocomp {

std::optional<SeedChain> ScheduleReuseSeed(const Problem& problem, const std::vector<Problem>& problems,
                                           const RunState& state,
                                           const std::function<bool(const ProblemId&)>& searching) {
  const Problem* leader = nullptr;
  for (const Problem& p : problems) {
    if (p.id.backend == problem.id.backend && p.id.set == problem.id.set) {
      leader = &p;
      break;
    }
  }
  if (!leader || leader == &problem) return SeedChain{};
  const ProblemState* led = state.Find(leader->id);
  const bool over =
      led && (led->summary.state == ProblemPhase::kDone || led->summary.state == ProblemPhase::kFailed) &&
      !searching(leader->id);
  if (!over) return std::nullopt;
  SeedChain chain;
  if (const CandidateRecord* best = led->Best()) {
    std::string ids;
    for (std::optional<uint64_t> at = best->candidate.id; at && *at != 0; at = led->candidates[*at].candidate.parent) {
      chain.plans.insert(chain.plans.begin(), led->candidates[*at].candidate.plan);
      ids = std::to_string(*at) + (ids.empty() ? "" : ", " + ids);
    }
    if (!chain.plans.empty()) chain.from = leader->id.ToString() + ": candidates " + ids;
  }
  return chain;
}

}  // namespace autocomp
