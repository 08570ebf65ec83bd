// src/master/run_loop.cc — the master's one event loop.
#include "master/run_loop.h"

#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/candidate.h"
#include "common/verification.h"
#include "master/search/beam_search.h"
#include "master/search/schedule_reuse.h"

namespace autocomp {
namespace {

// The final re-verification measures this many rounds of fresh inputs, and
// tries at most this many candidates (the next best when the best fails).
constexpr int kFinalRounds = 3;
constexpr int kFinalAttempts = 3;

}  // namespace

RunLoop::RunLoop(RunStore& store, Proposer& proposer, Scheduler& scheduler, ProgressReporter& progress,
                 std::vector<Problem> problems, Options options)
    : store_(store),
      proposer_(proposer),
      eval_(scheduler, store.state()),
      scheduler_(scheduler),
      progress_(progress),
      problems_(std::move(problems)),
      options_(std::move(options)) {
  for (size_t i = 0; i < problems_.size(); ++i) pending_.push_back(i);
}

void RunLoop::Propose(ProposalTask task) {
  task.id = next_proposal_++;
  proposals_.emplace(task.id, std::make_pair(task.problem->id, task));
  proposer_.Submit(std::move(task));
}

void RunLoop::Evaluate(const ProblemId& problem, uint64_t candidate_id) { eval_.Evaluate(problem, candidate_id); }

std::string RunLoop::CodeKeyFor(const ProblemId& problem, const std::string& code) const {
  return CodeKey(problem, options_.backend_version, code);
}

double RunLoop::SpeedupOf(const ProblemId& id) const {
  const ProblemState* p = state().Find(id);
  if (!p) return 0;
  auto base = p->BaselineScore();
  const CandidateRecord* best = p->Best();
  if (!base || !best || *best->result->score <= 0) return 0;
  return *base / *best->result->score;
}

void RunLoop::IterationEnded(const ProblemId& problem, int iteration) {
  (void)store_.Sync(true);
  const ProblemState* p = state().Find(problem);
  std::vector<uint64_t> beam = p && !p->beams.empty() ? p->beams.back().ids : std::vector<uint64_t>{};
  const std::string text = fmt::format("{}: iteration {}/{} done, best {:.2f}x", problem.ToString(), iteration,
                                       options_.search.iterations, SpeedupOf(problem));
  progress_.Event("iteration", {{"problem", problem.ToString()}, {"iteration", iteration}, {"beam", beam},
                                {"best_speedup", SpeedupOf(problem)}, {"text", text}});
}

Status RunLoop::Admit() {
  if (!proposer_.stop_reason().empty()) return Status::Ok();  // nothing new once the proposer is done
  const int limit = options_.search.mode == "phase_synchronous" ? 1 : options_.search.max_concurrent_problems;
  for (auto next = pending_.begin(); next != pending_.end() && static_cast<int>(active_.size()) < limit;) {
    const Problem& problem = problems_[*next];
    std::optional<SeedChain> seed = SeedChain{};
    if (options_.search.schedule_reuse) {
      seed = ScheduleReuseSeed(problem, problems_, state(), [&](const ProblemId& id) { return active_.count(id) > 0; });
      if (!seed) {  // its set's leader is still searching
        ++next;
        continue;
      }
    }
    next = pending_.erase(next);
    auto search = std::make_unique<BeamSearch>(problem, options_.search, options_.model, *this);
    if (!seed->plans.empty()) search->SeedWith(std::move(seed->plans), std::move(seed->from));
    progress_.Event("problem_start", {{"problem", problem.id.ToString()}, {"description", problem.description}});
    AUTOCOMP_RETURN_IF_ERROR(search->Start().WithContext(problem.id.ToString()));
    active_.emplace(problem.id, std::move(search));
  }
  return Status::Ok();
}

Status RunLoop::HandleProposals(bool* progressed) {
  for (const ProposalResult& r : proposer_.Poll(0)) {
    *progressed = true;
    auto it = proposals_.find(r.task_id);
    if (it == proposals_.end()) continue;
    auto [problem, task] = std::move(it->second);
    proposals_.erase(it);
    auto search = active_.find(problem);
    if (search == active_.end()) continue;
    if (!r.ok) spdlog::debug("{}: {} request gave nothing: {}", problem.ToString(), PhaseName(task.phase), r.error);
    AUTOCOMP_RETURN_IF_ERROR(search->second->OnProposal(task, r).WithContext(problem.ToString()));
  }
  return Status::Ok();
}

Status RunLoop::HandleResults(bool* progressed) {
  const int session = state().info.sessions - 1;
  for (Evaluated& e : eval_.Poll()) {
    *progressed = true;
    if (e.purpose == EvalPurpose::kFinal) {
      AUTOCOMP_RETURN_IF_ERROR(HandleFinalCheck(e));
      continue;
    }
    ++candidates_done_;
    AUTOCOMP_RETURN_IF_ERROR(store_.Record(ResultEvent{e.problem, e.candidate, e.result, session, e.reused}));
    const ProblemState* p = state().Find(e.problem);
    nlohmann::json event = {{"problem", e.problem.ToString()}, {"candidate", e.candidate}, {"status", EvalStatusName(e.result.status)},
                            {"worker", e.result.worker}, {"reused", e.reused}};
    if (e.result.score) {
      event["score"] = *e.result.score;
      if (auto base = p->BaselineScore(); base && *e.result.score > 0) event["speedup"] = *base / *e.result.score;
    }
    if (!e.result.correct()) event["message"] = e.result.message;
    if (const nlohmann::json* check = LastVerification(e.result, EvalPurpose::kRecheck)) event["recheck"] = check->value("status", "");
    // What is shown has been recorded: the journal reaches the kernel first.
    AUTOCOMP_RETURN_IF_ERROR(store_.Sync(false));
    progress_.Event("result", std::move(event));
    if (e.candidate == 0) {
      const CandidateRecord& base = p->candidates[0];
      std::string text = e.problem.ToString() + ": baseline " +
                         (base.correct() ? "measured, " + std::to_string(*base.result->score) + " " + p->summary.score_unit
                                         : "FAILED its check (" + std::string(base.status_name()) + ": " + base.result->message + ")");
      progress_.Event("baseline", {{"problem", e.problem.ToString()}, {"status", base.status_name()}, {"text", text}});
    }
    auto search = active_.find(e.problem);
    if (search == active_.end()) continue;
    AUTOCOMP_RETURN_IF_ERROR(search->second->OnEvaluated(e.candidate).WithContext(e.problem.ToString()));
  }
  return Status::Ok();
}

bool RunLoop::FinalCheckOver(const ProblemId& id) {
  FinalCheck& check = final_checks_[id];
  if (check.over) return true;
  if (check.in_flight) return false;
  const ProblemState* p = state().Find(id);
  const CandidateRecord* best = p ? p->Best() : nullptr;
  if (!best || best->candidate.id == 0 || PassedVerification(*best->result, EvalPurpose::kFinal) ||
      LastVerification(*best->result, EvalPurpose::kFinal) || check.attempts >= kFinalAttempts) {
    // Nothing better than the baseline, already checked (a resumed run), or out of tries.
    check.over = true;
    return true;
  }
  ++check.attempts;
  check.in_flight = true;
  progress_.Event("verification", {{"problem", id.ToString()}, {"candidate", best->candidate.id},
                                   {"text", id.ToString() + ": re-verifying candidate " +
                                                std::to_string(best->candidate.id) + " with " +
                                                std::to_string(kFinalRounds) + " rounds of fresh inputs"}});
  eval_.Verify(id, best->candidate.id, kFinalRounds);
  return false;
}

Status RunLoop::HandleFinalCheck(const Evaluated& e) {
  FinalCheck& check = final_checks_[e.problem];
  check.in_flight = false;
  const CandidateRecord* record = state().FindCandidate(e.problem, e.candidate);
  if (!record || !record->correct()) return Status::Ok();
  EvalResult merged = MergeVerification(*record->result, e.result, {EvalPurpose::kFinal, kFinalRounds, 0});
  // The row keeps the session that measured it; the check names its own.
  nlohmann::json& checks = merged.metrics["verification"];
  if (checks.is_array() && !checks.empty()) checks.back()["session"] = state().info.sessions - 1;
  const std::string code_key = record->code_key;
  AUTOCOMP_RETURN_IF_ERROR(
      store_.Record(ResultEvent{e.problem, e.candidate, merged, record->session, record->reused}));
  // Identical code is one measurement: its other candidates (copies of the
  // same result) take the re-verified result too, or the next "best" would
  // be the same code with the unverified score.
  for (const CandidateRecord& other : state().Find(e.problem)->candidates) {
    if (other.candidate.id == e.candidate || other.code_key != code_key || !other.correct()) continue;
    AUTOCOMP_RETURN_IF_ERROR(store_.Record(ResultEvent{e.problem, other.candidate.id, merged, other.session, true}));
  }
  AUTOCOMP_RETURN_IF_ERROR(store_.Sync(true));
  const nlohmann::json* last = LastVerification(merged, EvalPurpose::kFinal);
  const std::string outcome = last ? last->value("status", "") : "";
  const bool passed = outcome == EvalStatusName(EvalStatus::kOk);
  nlohmann::json event = {{"problem", e.problem.ToString()}, {"candidate", e.candidate}, {"status", outcome},
                          {"text", e.problem.ToString() + ": candidate " + std::to_string(e.candidate) +
                                       (passed ? " passed" : " did not pass") + " re-verification" +
                                       (passed ? "" : " (" + merged.message + ")")}};
  progress_.Event("verified", std::move(event));
  return Status::Ok();
}

void RunLoop::DrainProposals() {
  // Requests already sent are paid for: give their answers a few seconds to
  // arrive and be recorded (the proposer records calls and the response
  // cache itself), so a resumed run finds them. Nothing new is started and
  // the answers are not acted on.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (proposer_.in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
    (void)proposer_.Poll(5);
  }
  (void)store_.Sync(true);
}

void RunLoop::ReportStatus() {
  ProgressSnapshot s;
  s.problems_total = static_cast<int>(problems_.size());
  s.problems_done = done_;
  s.problems_active = static_cast<int>(active_.size());
  s.iterations = options_.search.iterations;
  for (const auto& [id, search] : active_) s.iteration = std::max(s.iteration, search->iteration());
  for (const auto& problem : problems_) s.best_speedup = std::max(s.best_speedup, SpeedupOf(problem.id));
  s.candidates_done = candidates_done_;
  s.candidates_waiting = eval_.waiting();
  SchedulerStats stats = scheduler_.stats();
  s.workers = stats.workers;
  s.workers_busy = stats.busy_workers;
  progress_.Status(s);
}

Result<RunLoop::RunEnd> RunLoop::Run(const volatile std::sig_atomic_t* stop) {
  int idle = 0;
  while (true) {
    AUTOCOMP_RETURN_IF_ERROR(Admit());
    bool progressed = false;
    AUTOCOMP_RETURN_IF_ERROR(HandleProposals(&progressed));
    AUTOCOMP_RETURN_IF_ERROR(HandleResults(&progressed));
    AUTOCOMP_RETURN_IF_ERROR(scheduler_.health());
    for (auto it = active_.begin(); it != active_.end();) {
      if (!it->second->done() || !FinalCheckOver(it->first)) {
        ++it;
        continue;
      }
      const ProblemState* p = state().Find(it->first);
      ++done_;
      progress_.Event("problem_done", {{"problem", it->first.ToString()}, {"state", NameOf(p->summary.state)},
                                       {"speedup", SpeedupOf(it->first)},
                                       {"text", it->first.ToString() + ": " + NameOf(p->summary.state) +
                                                    (p->summary.message.empty() ? "" : " — " + p->summary.message)}});
      it = active_.erase(it);
      (void)store_.Sync(true);
    }
    AUTOCOMP_RETURN_IF_ERROR(store_.Sync(false));
    ReportStatus();
    if (!proposer_.stop_reason().empty() && proposer_.in_flight() == 0 && eval_.waiting() == 0) {
      // E.g. the LLM budget: what was in flight is finished. Searches that
      // "finished" after it are incomplete too (their requests were refused).
      return RunEnd::kProposerStopped;
    }
    if (active_.empty() && pending_.empty()) return RunEnd::kFinished;
    if (active_.empty() && !progressed) {
      AUTOCOMP_RETURN_IF_ERROR(Admit());  // problems waiting for a leader that just finished
      if (active_.empty()) return InternalError("problems wait for a leader that will not finish");
      continue;
    }
    if (stop && *stop) {
      DrainProposals();
      return RunEnd::kStopped;
    }
    if (progressed) {
      idle = 0;
      continue;
    }
    if (proposer_.in_flight() == 0 && eval_.waiting() == 0) {
      // Nothing can arrive any more, yet searches are not done: a bug, not a hang.
      std::string stuck;
      for (const auto& [id, search] : active_) stuck += " " + id.ToString();
      return InternalError("the search stalled with nothing in flight (problems:" + stuck + ")");
    }
    idle = std::min(idle + 1, 40);
    std::this_thread::sleep_for(std::chrono::microseconds(50 * idle));
  }
}

}  // namespace autocomp
