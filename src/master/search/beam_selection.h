// src/master/search/beam_selection.h
//
// Which candidates form the next beam (Autocomp's selection, as a pure
// function of the recorded state so it can be tested rule by rule):
//
//   1. Gate: a new child of this iteration enters the pool only if it is
//      correct and its score < its parent's score × keep factor (1.1 in the
//      first two iterations, 1.0 after; configurable).
//   2. Pool = the old beam (incumbents) + the children that passed, sorted by
//      score; on equal scores incumbents come first, then lineage key.
//   3. Walking the pool best first, a candidate is skipped if its code
//      (normalized) is already kept, or if the duplicate filter forbids it:
//        level 0: two kept candidates may not share parent and plan;
//        level 1: also at most one kept candidate per non-root parent;
//        level 2: also no two kept candidates on one non-root lineage (a
//                 candidate's lineage is itself and its ancestors, the
//                 baseline excluded).
//   4. The first beam_size candidates are the next beam. If no child passes,
//      the beam stays as it was.
//
// Incorrect candidates never enter: the gate and the pool hold only correct ones.
#pragma once

#include <cstdint>
#include <vector>

#include "common/run_state.h"

namespace autocomp {

struct SelectionRules {
  int beam_size = 4;
  double keep_factor_early = 1.1;  // gate factor for iterations 1..early_iterations
  int early_iterations = 2;
  double keep_factor = 1.0;        // gate factor afterwards
  int duplicate_filter = 0;        // 0, 1 or 2 (see above)
};

std::vector<uint64_t> SelectNextBeam(const ProblemState& problem, const std::vector<uint64_t>& old_beam, int iteration,
                                     const SelectionRules& rules);

}  // namespace autocomp
