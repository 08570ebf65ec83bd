// src/common/run_state.cc — lookups over the recorded run.
#include "common/run_state.h"

#include <algorithm>

namespace autocomp {

std::optional<double> ProblemState::BaselineScore() const {
  if (candidates.empty() || !candidates[0].correct()) return std::nullopt;
  return candidates[0].result->score;
}

const CandidateRecord* ProblemState::Best() const {
  const CandidateRecord* best = nullptr;
  for (const auto& c : candidates) {
    if (!c.correct() || !c.result->score) continue;
    if (!best || *c.result->score < *best->result->score) best = &c;
  }
  return best;
}

ProblemState* RunState::Find(const ProblemId& id) {
  auto it = problems.find(id);
  return it == problems.end() ? nullptr : &it->second;
}

const ProblemState* RunState::Find(const ProblemId& id) const {
  auto it = problems.find(id);
  return it == problems.end() ? nullptr : &it->second;
}

const CandidateRecord* RunState::FindCandidate(const ProblemId& id, uint64_t candidate) const {
  const ProblemState* p = Find(id);
  if (!p || candidate >= p->candidates.size()) return nullptr;
  return &p->candidates[candidate];
}

std::string RunState::Hosts() const {
  std::vector<std::string> seen;
  for (const auto& w : workers) {
    if (std::find(seen.begin(), seen.end(), w.host) == seen.end()) seen.push_back(w.host);
  }
  std::string text;
  for (const auto& h : seen) text += (text.empty() ? "" : ",") + h;
  return text;
}

}  // namespace autocomp
