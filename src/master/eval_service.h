// src/master/eval_service.h
//
// Between the searches and the scheduler: turns "evaluate candidate 7 of
// cpu/gemm/0" into an EvalTask, and makes sure identical code (same
// CodeKey) for the same problem is measured once per run — across resumes,
// too, since earlier results come from the run's record. A duplicate gets a
// copy of the first result, marked as reused. Infrastructure errors are not
// reused: that code is evaluated again when it comes up again.
//
// Contract item 7 (docs/evaluation.md): every task carries the problem's
// best score so far divided by 10; a worker re-checks a correct result below
// it with fresh inputs before reporting it. Verify() asks for the end-of-run
// re-verification of a recorded result: always measured, never deduplicated.
//
// Thread-safety: the master's one thread only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/run_state.h"
#include "master/scheduler/scheduler.h"

namespace autocomp {

struct Evaluated {
  ProblemId problem;
  uint64_t candidate = 0;
  EvalResult result;
  bool reused = false;
  EvalPurpose purpose = EvalPurpose::kSearch;  // kFinal: a re-verification (Verify)
};

class EvalService {
 public:
  EvalService(Scheduler& scheduler, const RunState& state);

  void Evaluate(const ProblemId& problem, uint64_t candidate);
  // Measures a recorded correct candidate again with `rounds` rounds of fresh inputs.
  void Verify(const ProblemId& problem, uint64_t candidate, int rounds);
  // Results that arrived (or were reused) since the last call.
  std::vector<Evaluated> Poll();
  // Candidates waiting for a result.
  size_t waiting() const { return waiting_count_; }

 private:
  struct Waiter {
    ProblemId problem;
    uint64_t candidate;
    EvalPurpose purpose = EvalPurpose::kSearch;
  };
  const EvalResult* Known(const ProblemId& problem, const std::string& code_key) const;

  Scheduler& scheduler_;
  const RunState& state_;
  uint64_t next_task_ = 1;
  std::unordered_map<uint64_t, std::vector<Waiter>> by_task_;
  std::map<std::pair<ProblemId, std::string>, uint64_t> in_flight_;  // (problem, code key) → task
  std::map<std::pair<ProblemId, std::string>, EvalResult> known_;    // results measured this session
  std::vector<Evaluated> ready_;
  size_t waiting_count_ = 0;
};

}  // namespace autocomp
