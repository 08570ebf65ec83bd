// src/master/eval_service.cc — dedupe and result cache in front of the scheduler.
#include "master/eval_service.h"

namespace autocomp {

EvalService::EvalService(Scheduler& scheduler, const RunState& state) : scheduler_(scheduler), state_(state) {
  // Results recorded by earlier sessions count as known.
  for (const auto& [id, p] : state.problems) {
    for (const auto& c : p.candidates) {
      if (c.result && c.result->status != EvalStatus::kNoCode && c.result->status != EvalStatus::kInfraError &&
          !c.code_key.empty()) {
        known_.emplace(std::make_pair(id, c.code_key), *c.result);
      }
    }
  }
}

const EvalResult* EvalService::Known(const ProblemId& problem, const std::string& code_key) const {
  auto it = known_.find({problem, code_key});
  return it == known_.end() ? nullptr : &it->second;
}

void EvalService::Evaluate(const ProblemId& problem, uint64_t candidate) {
  const CandidateRecord* record = state_.FindCandidate(problem, candidate);
  if (!record) return;
  ++waiting_count_;
  const std::string& key = record->code_key;
  if (const EvalResult* known = Known(problem, key)) {
    ready_.push_back({problem, candidate, *known, true});
    return;
  }
  auto flying = in_flight_.find({problem, key});
  if (flying != in_flight_.end()) {
    by_task_[flying->second].push_back({problem, candidate});
    return;
  }
  const uint64_t task = next_task_++;
  in_flight_[{problem, key}] = task;
  by_task_[task].push_back({problem, candidate});
  // Problems that are behind go first: their beam selection waits on this.
  EvalTask t{task, problem, record->candidate.code, record->candidate.iteration};
  const ProblemState* p = state_.Find(problem);
  if (const CandidateRecord* best = p ? p->Best() : nullptr) t.recheck_below = *best->result->score / 10.0;
  scheduler_.Submit(std::move(t));
}

void EvalService::Verify(const ProblemId& problem, uint64_t candidate, int rounds) {
  const CandidateRecord* record = state_.FindCandidate(problem, candidate);
  if (!record) return;
  ++waiting_count_;
  const uint64_t task = next_task_++;
  by_task_[task].push_back({problem, candidate, EvalPurpose::kFinal});
  EvalTask t{task, problem, record->candidate.code, -1};  // ahead of the searches still running
  t.rounds = rounds;
  t.purpose = EvalPurpose::kFinal;
  scheduler_.Submit(std::move(t));
}

std::vector<Evaluated> EvalService::Poll() {
  for (ResultMsg& r : scheduler_.Poll()) {
    auto waiters = by_task_.find(r.task_id);
    if (waiters == by_task_.end()) continue;
    bool first = true;
    for (const Waiter& w : waiters->second) {
      const CandidateRecord* record = state_.FindCandidate(w.problem, w.candidate);
      if (w.purpose != EvalPurpose::kSearch) {
        ready_.push_back({w.problem, w.candidate, r.result, false, w.purpose});
        continue;
      }
      if (first && record) {
        in_flight_.erase({w.problem, record->code_key});
        if (r.result.status != EvalStatus::kInfraError) known_[{w.problem, record->code_key}] = r.result;
      }
      ready_.push_back({w.problem, w.candidate, r.result, !first});
      first = false;
    }
    by_task_.erase(waiters);
  }
  std::vector<Evaluated> out;
  out.swap(ready_);
  waiting_count_ -= out.size();
  return out;
}

}  // namespace autocomp
