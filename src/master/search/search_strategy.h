// src/master/search/search_strategy.h
//
// The search of one problem. It reacts to events — a proposal answered, a
// candidate evaluated — by recording candidates and issuing more requests
// through its SearchContext; it never waits. Everything it decides depends
// only on recorded data and seeded randomness, so a resumed or replayed run
// takes the same decisions.
#pragma once

#include "master/proposer/proposer.h"

namespace autocomp {

class SearchStrategy {
 public:
  virtual ~SearchStrategy() = default;
  virtual Status Start() = 0;
  virtual Status OnProposal(const ProposalTask& task, const ProposalResult& result) = 0;
  virtual Status OnEvaluated(uint64_t candidate_id) = 0;
  virtual bool done() const = 0;
  virtual int iteration() const = 0;
  // Requests and evaluations this search is waiting for.
  virtual int outstanding() const = 0;
};

}  // namespace autocomp
