// src/master/search/beam_selection.cc — gate, ordering and duplicate filter of the beam.
#include "master/search/beam_selection.h"

#include <algorithm>
#include <set>

namespace autocomp {

namespace {

// The candidate and its ancestors, the baseline (id 0) excluded.
std::set<uint64_t> Lineage(const ProblemState& p, uint64_t id) {
  std::set<uint64_t> out;
  std::optional<uint64_t> at = id;
  while (at && *at != 0 && *at < p.candidates.size() && !out.count(*at)) {
    out.insert(*at);
    at = p.candidates[*at].candidate.parent;
  }
  return out;
}

bool Conflicts(const ProblemState& p, uint64_t candidate, const std::vector<uint64_t>& kept, int level) {
  const Candidate& c = p.candidates[candidate].candidate;
  const std::set<uint64_t> lineage = level >= 2 ? Lineage(p, candidate) : std::set<uint64_t>{};
  for (uint64_t other_id : kept) {
    const Candidate& o = p.candidates[other_id].candidate;
    if (c.parent && o.parent && *c.parent == *o.parent) {
      if (c.plan == o.plan) return true;                 // level 0: same parent and plan
      if (level >= 1 && *c.parent != 0) return true;     // level 1: one child per non-root parent
    }
    if (level >= 2) {
      for (uint64_t a : Lineage(p, other_id)) {
        if (lineage.count(a)) return true;               // level 2: a shared non-root lineage
      }
    }
  }
  return false;
}

}  // namespace

std::vector<uint64_t> SelectNextBeam(const ProblemState& p, const std::vector<uint64_t>& old_beam, int iteration,
                                     const SelectionRules& rules) {
  const double factor = iteration <= rules.early_iterations ? rules.keep_factor_early : rules.keep_factor;
  const std::set<uint64_t> incumbents(old_beam.begin(), old_beam.end());
  std::vector<uint64_t> pool;
  for (uint64_t id : old_beam) {
    if (id < p.candidates.size() && p.candidates[id].correct()) pool.push_back(id);
  }
  for (const auto& c : p.candidates) {
    if (c.candidate.iteration != iteration || !c.correct() || !c.candidate.parent || incumbents.count(c.candidate.id)) {
      continue;
    }
    const CandidateRecord& parent = p.candidates[*c.candidate.parent];
    if (!parent.correct()) continue;
    if (!(*c.result->score < *parent.result->score * factor)) continue;  // the gate
    pool.push_back(c.candidate.id);
  }
  std::sort(pool.begin(), pool.end(), [&](uint64_t a, uint64_t b) {
    const CandidateRecord& x = p.candidates[a];
    const CandidateRecord& y = p.candidates[b];
    if (*x.result->score != *y.result->score) return *x.result->score < *y.result->score;
    const bool xi = incumbents.count(a) > 0, yi = incumbents.count(b) > 0;
    if (xi != yi) return xi;  // incumbents win ties
    return x.candidate.lineage_key < y.candidate.lineage_key;
  });
  std::vector<uint64_t> next;
  std::set<std::string> codes;
  for (uint64_t id : pool) {
    if (static_cast<int>(next.size()) >= rules.beam_size) break;
    if (codes.count(NormalizeCode(p.candidates[id].candidate.code))) continue;
    if (Conflicts(p, id, next, rules.duplicate_filter)) continue;
    codes.insert(NormalizeCode(p.candidates[id].candidate.code));
    next.push_back(id);
  }
  return next;
}

}  // namespace autocomp
