// src/master/search/search_context.h
//
// What a search may do to the outside world, implemented by the run loop:
// read and extend the run's record, ask the proposer for plans and code,
// and ask for candidates to be evaluated. Results come back to the search
// through SearchStrategy::OnProposal / OnEvaluated.
#pragma once

#include <cstdint>

#include "common/run_event.h"
#include "common/run_state.h"
#include "master/proposer/proposer.h"

namespace autocomp {

class SearchContext {
 public:
  virtual ~SearchContext() = default;
  virtual const RunState& state() const = 0;
  virtual Status Record(const RunEvent& event) = 0;
  // Sends a request to the proposer; the answer arrives in OnProposal.
  virtual void Propose(ProposalTask task) = 0;
  // Queues a recorded candidate for evaluation; OnEvaluated follows once its result is recorded.
  virtual void Evaluate(const ProblemId& problem, uint64_t candidate_id) = 0;
  // The cache and dedupe key of `code` for `problem` (includes the backend version).
  virtual std::string CodeKeyFor(const ProblemId& problem, const std::string& code) const = 0;
  // An iteration of `problem` ended: a good moment to bring the run file up to date.
  virtual void IterationEnded(const ProblemId& problem, int iteration) = 0;
};

}  // namespace autocomp
