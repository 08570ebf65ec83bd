// src/master/run_loop.h
//
// The master's event loop (docs/architecture.md). One thread drives
// everything: proposer answers (LLM calls or offline moves), evaluation
// results from the scheduler, the searches of all problems in flight, the
// run store and the progress display. Work starts the moment it exists — a
// plan that arrives starts its implementations, code that arrives is
// dispatched, results stream back one by one; the only wait is the beam
// selection inside each problem's search. Up to
// `search.max_concurrent_problems` problems are searched at once.
//
// Run() returns how the session ended (kFinished; kStopped when *stop was
// set by a signal — proposals already sent get up to 10 s to come back and
// be recorded, evaluations in flight are abandoned; kProposerStopped when
// the proposer will answer no more, e.g. the LLM budget is spent). A non-OK
// Status means the record could not be kept (nothing recorded is lost).
#pragma once

#include <csignal>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/config.h"
#include "common/run_store.h"
#include "master/eval_service.h"
#include "master/progress/progress_reporter.h"
#include "master/proposer/proposer.h"
#include "master/scheduler/scheduler.h"
#include "master/search/search_context.h"
#include "master/search/search_strategy.h"

namespace autocomp {

class RunLoop final : public SearchContext {
 public:
  struct Options {
    SearchOptions search;
    std::string model;            // who answers proposals, e.g. "offline"
    std::string backend_version;  // part of every CodeKey
  };

  RunLoop(RunStore& store, Proposer& proposer, Scheduler& scheduler, ProgressReporter& progress,
          std::vector<Problem> problems, Options options);

  // How Run() ended (an error aside).
  enum class RunEnd { kFinished, kStopped, kProposerStopped };
  Result<RunEnd> Run(const volatile std::sig_atomic_t* stop);
  // Results handled in this session (measured or reused).
  size_t results_handled() const { return candidates_done_; }

  // SearchContext
  const RunState& state() const override { return store_.state(); }
  Status Record(const RunEvent& event) override { return store_.Record(event); }
  void Propose(ProposalTask task) override;
  void Evaluate(const ProblemId& problem, uint64_t candidate_id) override;
  std::string CodeKeyFor(const ProblemId& problem, const std::string& code) const override;
  void IterationEnded(const ProblemId& problem, int iteration) override;

 private:
  Status Admit();
  Status HandleProposals(bool* progressed);
  Status HandleResults(bool* progressed);
  void ReportStatus();
  void DrainProposals();
  double SpeedupOf(const ProblemId& id) const;
  // The end-of-search re-verification of a problem's best candidate
  // (docs/evaluation.md, item 7): true once it is over (passed, or nothing
  // left to verify); starts or continues it otherwise.
  bool FinalCheckOver(const ProblemId& id);
  Status HandleFinalCheck(const Evaluated& e);

  RunStore& store_;
  Proposer& proposer_;
  EvalService eval_;
  Scheduler& scheduler_;
  ProgressReporter& progress_;
  std::vector<Problem> problems_;
  Options options_;
  std::deque<size_t> pending_;  // indices into problems_ not started yet
  std::map<ProblemId, std::unique_ptr<SearchStrategy>> active_;
  struct FinalCheck {
    int attempts = 0;       // candidates sent for re-verification
    bool in_flight = false;
    bool over = false;
  };
  std::map<ProblemId, FinalCheck> final_checks_;
  std::map<uint64_t, std::pair<ProblemId, ProposalTask>> proposals_;
  uint64_t next_proposal_ = 1;
  int done_ = 0;
  size_t candidates_done_ = 0;
};

}  // namespace autocomp
