// src/master/search/beam_search.h
//
// Autocomp's beam search for one problem. Iteration 0 measures the baseline.
// Each later iteration asks `plans_per_candidate` plans of every beam
// member and `impls_per_plan` implementations of every plan; a plan's
// implementations start as soon as the plan arrives, and each
// implementation is evaluated as soon as it arrives. When everything of the
// iteration is back, the next beam is chosen by SelectNextBeam
// (beam_selection.h: keep-factor gate, incumbents win ties, duplicate
// filter). An incorrect candidate is never selected. Options: one more
// implementation for a failed candidate (reimplement_failed), early stop
// when the best score stalls over a window of iterations.
//
// Resumes: a slot whose candidate is already recorded is not proposed
// again; a recorded result is not measured again; a recorded beam is used
// as it was.
//
// With search.mode = "phase_synchronous" (the original's behaviour, kept to
// measure the difference): all plans of an iteration first, then all
// implementations, then all evaluations; the run loop then also searches
// one problem at a time.
#pragma once

#include <string>
#include <vector>

#include "common/config.h"
#include "common/problem.h"
#include "master/search/iteration_work.h"
#include "master/search/search_context.h"
#include "master/search/search_strategy.h"

namespace autocomp {

class BeamSearch final : public SearchStrategy {
 public:
  BeamSearch(const Problem& problem, const SearchOptions& options, std::string model, SearchContext& context)
      : problem_(problem), options_(options), model_(std::move(model)), context_(context) {}

  // Schedule reuse: in iteration i ≤ plans.size(), plan slot 0 of the best
  // beam member takes plans[i-1] instead of asking for a plan. `from` says
  // whose chain it is, for the record. Call before Start().
  void SeedWith(std::vector<std::string> plans, std::string from) {
    seed_plans_ = std::move(plans);
    seeded_from_ = std::move(from);
  }

  Status Start() override;
  Status OnProposal(const ProposalTask& task, const ProposalResult& result) override;
  Status OnEvaluated(uint64_t candidate_id) override;
  bool done() const override { return done_; }
  int iteration() const override { return iteration_; }
  int outstanding() const override { return work_.total(); }

 private:
  const ProblemState& State() const;
  Status UpdateSummary(ProblemPhase state, const std::string& message);
  Status OnBaseline();
  Status StartIteration(int iteration);
  // A proposal request of `phase` for a slot of `parent` in this iteration.
  ProposalTask TaskFor(ProposalPhase phase, uint64_t parent, int plan_slot, int impl_slot) const;
  void Propose(ProposalTask task);
  Status ExpandPlanSlot(uint64_t parent, int plan_slot);
  Status ImplementSlot(uint64_t parent, int plan_slot, int impl_slot, const std::string& plan, double plan_seconds);
  void QueueEvaluation(uint64_t candidate);
  Status AdvancePhases();
  bool phase_synchronous() const { return options_.mode == "phase_synchronous"; }
  Status MaybeEndIteration();
  Status SelectBeam();
  // With search.reimplement_failed: one more implementation of a failed candidate's plan.
  Status MaybeReimplement(const CandidateRecord& failed);
  bool EarlyStop() const;
  Status Finish(const std::string& message);
  // "best candidate 7: 3.21x over the baseline in the search (...)", or "" when nothing beats the baseline.
  std::string BestSoFar() const;
  uint64_t Seed(uint64_t parent, int plan_slot, int impl_slot) const;
  const CandidateRecord* FindSlot(uint64_t parent, int plan_slot, int impl_slot) const;

  const Problem& problem_;
  SearchOptions options_;
  std::string model_;
  SearchContext& context_;
  int iteration_ = 0;
  IterationWork work_;
  bool done_ = false;
  std::vector<uint64_t> beam_;
  std::vector<std::string> seed_plans_;
  std::string seeded_from_;
  // Phase-synchronous mode: work held back until the previous phase is complete.
  struct HeldPlan {
    ProposalTask task;
    ProposalResult result;
  };
  std::vector<HeldPlan> held_plans_;
  std::vector<uint64_t> held_evaluations_;
};

}  // namespace autocomp
