// src/master/search/beam_search.cc — the beam search state machine.
#include "master/search/beam_search.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "common/hashing.h"
#include "master/search/beam_selection.h"

namespace autocomp {

const ProblemState& BeamSearch::State() const { return *context_.state().Find(problem_.id); }

Status BeamSearch::UpdateSummary(ProblemPhase state, const std::string& message) {
  ProblemSummary s;
  s.id = problem_.id;
  s.description = problem_.description;
  s.score_unit = problem_.score_unit;
  s.state = state;
  s.message = message;
  s.iterations_done = std::max(0, iteration_ - (state == ProblemPhase::kSearching ? 1 : 0));
  s.seeded_from = seeded_from_;
  if (const ProblemState* p = context_.state().Find(problem_.id)) {
    if (p->summary.state == s.state && p->summary.message == s.message &&
        p->summary.iterations_done == s.iterations_done && p->summary.description == s.description &&
        p->summary.seeded_from == s.seeded_from) {
      return Status::Ok();  // nothing new to record
    }
  }
  return context_.Record(ProblemEvent{s});
}

Status BeamSearch::Start() {
  const ProblemState* p = context_.state().Find(problem_.id);
  if (p && p->summary.state == ProblemPhase::kDone) {
    done_ = true;
    iteration_ = p->summary.iterations_done;
    return Status::Ok();
  }
  AUTOCOMP_RETURN_IF_ERROR(UpdateSummary(ProblemPhase::kSearching, ""));
  if (State().candidates.empty()) {
    Candidate base;
    base.id = 0;
    base.problem = problem_.id;
    base.iteration = 0;
    base.code = problem_.baseline_code;
    base.origin = "baseline";
    base.lineage_key = LineageKey(problem_.id, "", 0, -1, -1);
    AUTOCOMP_RETURN_IF_ERROR(context_.Record(CandidateEvent{base, context_.CodeKeyFor(problem_.id, base.code)}));
  }
  if (State().candidates[0].pending()) {
    work_.Open(IterationWork::Kind::kEvaluation);
    context_.Evaluate(problem_.id, 0);
    return Status::Ok();
  }
  return OnBaseline();
}

ProposalTask BeamSearch::TaskFor(ProposalPhase phase, uint64_t parent, int plan_slot, int impl_slot) const {
  const CandidateRecord& p = State().candidates[parent];
  ProposalTask task;
  task.phase = phase;
  task.problem = &problem_;
  task.parent_id = parent;
  task.parent_code = p.candidate.code;
  if (p.result) {
    task.parent_score = p.result->score;
    task.parent_metrics = p.result->metrics;
  }
  task.iteration = iteration_;
  task.iterations = options_.iterations;
  task.plan_slot = plan_slot;
  task.impl_slot = impl_slot;
  task.seed = Seed(parent, plan_slot, impl_slot);
  task.menu_keep_probability = options_.menu_keep_probability;
  task.model = model_;
  return task;
}

void BeamSearch::Propose(ProposalTask task) {
  work_.Open(task.phase == ProposalPhase::kPlan ? IterationWork::Kind::kPlan : IterationWork::Kind::kImplementation);
  context_.Propose(std::move(task));
}

uint64_t BeamSearch::Seed(uint64_t parent, int plan_slot, int impl_slot) const {
  return StableSeed(std::to_string(options_.seed) + "|" + State().candidates[parent].candidate.lineage_key + "|" +
                    std::to_string(iteration_) + "|" + std::to_string(plan_slot) + "|" + std::to_string(impl_slot));
}

const CandidateRecord* BeamSearch::FindSlot(uint64_t parent, int plan_slot, int impl_slot) const {
  const ProblemState& p = State();
  const std::string key =
      LineageKey(problem_.id, p.candidates[parent].candidate.lineage_key, iteration_, plan_slot, impl_slot);
  auto it = p.by_lineage.find(key);
  return it == p.by_lineage.end() ? nullptr : &p.candidates[it->second];
}

Status BeamSearch::StartIteration(int iteration) {
  iteration_ = iteration;
  if (iteration_ > options_.iterations) {
    --iteration_;
    return Finish("");
  }
  AUTOCOMP_RETURN_IF_ERROR(UpdateSummary(ProblemPhase::kSearching, ""));
  {
    // The iteration stays open while it is being expanded, so answers that
    // are already recorded cannot end it early.
    IterationWork::Hold expanding = work_.HoldOpen();
    for (uint64_t parent : std::vector<uint64_t>(beam_)) {
      for (int s = 0; s < options_.plans_per_candidate; ++s) AUTOCOMP_RETURN_IF_ERROR(ExpandPlanSlot(parent, s));
    }
  }
  AUTOCOMP_RETURN_IF_ERROR(AdvancePhases());
  return MaybeEndIteration();
}

Status BeamSearch::ExpandPlanSlot(uint64_t parent, int plan_slot) {
  // Schedule reuse: the seeded chain's plan for this iteration, without asking.
  if (plan_slot == 0 && !beam_.empty() && parent == beam_.front() && iteration_ >= 1 &&
      iteration_ <= static_cast<int>(seed_plans_.size())) {
    const std::string& plan = seed_plans_[static_cast<size_t>(iteration_ - 1)];
    for (int t = 0; t < options_.impls_per_plan; ++t) AUTOCOMP_RETURN_IF_ERROR(ImplementSlot(parent, 0, t, plan, 0));
    return Status::Ok();
  }
  // A plan already recorded with any of its implementations is reused, not asked again.
  for (int t = 0; t < options_.impls_per_plan; ++t) {
    if (const CandidateRecord* c = FindSlot(parent, plan_slot, t)) {
      const std::string plan = c->candidate.plan;
      const double seconds = c->candidate.plan_seconds;
      for (int u = 0; u < options_.impls_per_plan; ++u) {
        AUTOCOMP_RETURN_IF_ERROR(ImplementSlot(parent, plan_slot, u, plan, seconds));
      }
      return Status::Ok();
    }
  }
  Propose(TaskFor(ProposalPhase::kPlan, parent, plan_slot, -1));
  return Status::Ok();
}

void BeamSearch::QueueEvaluation(uint64_t candidate) {
  work_.Open(IterationWork::Kind::kEvaluation);
  if (phase_synchronous() && iteration_ > 0) {
    held_evaluations_.push_back(candidate);
    return;
  }
  context_.Evaluate(problem_.id, candidate);
}

Status BeamSearch::AdvancePhases() {
  if (!phase_synchronous() || work_.holding() || work_.open(IterationWork::Kind::kPlan) > 0) return Status::Ok();
  if (!held_plans_.empty()) {
    // Every plan is back: ask for all implementations.
    std::vector<HeldPlan> plans;
    plans.swap(held_plans_);
    for (const HeldPlan& h : plans) {
      for (int t = 0; t < options_.impls_per_plan; ++t) {
        AUTOCOMP_RETURN_IF_ERROR(ImplementSlot(h.task.parent_id, h.task.plan_slot, t, h.result.text, h.result.seconds));
      }
      AUTOCOMP_RETURN_IF_ERROR(work_.Close(IterationWork::Kind::kHeldPlan));
    }
  }
  if (work_.open(IterationWork::Kind::kImplementation) == 0 && !held_evaluations_.empty()) {
    // Every implementation is back: evaluate them all.
    std::vector<uint64_t> held;
    held.swap(held_evaluations_);
    for (uint64_t id : held) context_.Evaluate(problem_.id, id);
  }
  return Status::Ok();
}

Status BeamSearch::ImplementSlot(uint64_t parent, int plan_slot, int impl_slot, const std::string& plan,
                                 double plan_seconds) {
  if (const CandidateRecord* c = FindSlot(parent, plan_slot, impl_slot)) {
    if (c->pending()) QueueEvaluation(c->candidate.id);
    else AUTOCOMP_RETURN_IF_ERROR(MaybeReimplement(*c));
    return Status::Ok();
  }
  ProposalTask task = TaskFor(ProposalPhase::kImplement, parent, plan_slot, impl_slot);
  task.plan = plan;
  task.plan_seconds = plan_seconds;
  Propose(std::move(task));
  return Status::Ok();
}

Status BeamSearch::OnProposal(const ProposalTask& task, const ProposalResult& result) {
  if (task.phase == ProposalPhase::kPlan) {
    AUTOCOMP_RETURN_IF_ERROR(work_.Close(IterationWork::Kind::kPlan));
    if (result.ok && phase_synchronous()) {
      work_.Open(IterationWork::Kind::kHeldPlan);  // until every plan of the iteration is back
      held_plans_.push_back({task, result});
    } else if (result.ok) {
      IterationWork::Hold fanning_out = work_.HoldOpen();
      for (int t = 0; t < options_.impls_per_plan; ++t) {
        AUTOCOMP_RETURN_IF_ERROR(ImplementSlot(task.parent_id, task.plan_slot, t, result.text, result.seconds));
      }
    }
    AUTOCOMP_RETURN_IF_ERROR(AdvancePhases());
    return MaybeEndIteration();
  }
  AUTOCOMP_RETURN_IF_ERROR(work_.Close(IterationWork::Kind::kImplementation));
  // Implementation: record the candidate, with or without code.
  const ProblemState& p = State();
  const Candidate c{.id = p.candidates.size(),
                    .parent = task.parent_id,
                    .problem = problem_.id,
                    .iteration = task.iteration,
                    .plan_slot = task.plan_slot,
                    .impl_slot = task.impl_slot,
                    .plan = task.plan,
                    .code = result.ok ? result.text : "",
                    .origin = result.origin,
                    .plan_seconds = task.plan_seconds,
                    .code_seconds = result.seconds,
                    .lineage_key = LineageKey(problem_.id, p.candidates[task.parent_id].candidate.lineage_key,
                                              task.iteration, task.plan_slot, task.impl_slot)};
  const std::string key = result.ok ? context_.CodeKeyFor(problem_.id, c.code) : "";
  AUTOCOMP_RETURN_IF_ERROR(context_.Record(CandidateEvent{c, key}));
  if (!result.ok) {
    EvalResult none;
    none.status = EvalStatus::kNoCode;
    none.message = "no code: " + result.error;
    AUTOCOMP_RETURN_IF_ERROR(context_.Record(ResultEvent{problem_.id, c.id, none,
                                                         context_.state().info.sessions - 1, false}));
    AUTOCOMP_RETURN_IF_ERROR(AdvancePhases());
    return MaybeEndIteration();
  }
  QueueEvaluation(c.id);
  return AdvancePhases();
}

Status BeamSearch::OnEvaluated(uint64_t candidate_id) {
  AUTOCOMP_RETURN_IF_ERROR(work_.Close(IterationWork::Kind::kEvaluation));
  if (candidate_id == 0 && iteration_ == 0) return OnBaseline();
  {
    // A failed candidate may get one more implementation before the iteration can end.
    IterationWork::Hold reimplementing = work_.HoldOpen();
    AUTOCOMP_RETURN_IF_ERROR(MaybeReimplement(State().candidates[candidate_id]));
  }
  return MaybeEndIteration();
}

Status BeamSearch::OnBaseline() {
  const CandidateRecord& base = State().candidates[0];
  if (!base.correct()) {
    done_ = true;
    return UpdateSummary(ProblemPhase::kFailed, std::string("the baseline failed its check: ") + base.status_name() +
                                                    ": " + (base.result ? base.result->message : ""));
  }
  beam_ = {0};
  if (!State().beams.empty()) {
    // A resumed run: continue from the last recorded beam.
    const Beam& last = State().beams.back();
    beam_ = last.ids;
    return StartIteration(last.iteration + 1);
  }
  return StartIteration(1);
}

Status BeamSearch::MaybeEndIteration() {
  if (!work_.idle() || done_ || iteration_ == 0) return Status::Ok();
  return SelectBeam();
}

Status BeamSearch::SelectBeam() {
  SelectionRules rules;
  rules.beam_size = options_.beam_size;
  rules.keep_factor_early = options_.keep_factor_early;
  rules.early_iterations = options_.keep_factor_early_iterations;
  rules.keep_factor = options_.keep_factor;
  rules.duplicate_filter = options_.duplicate_filter;
  beam_ = SelectNextBeam(State(), beam_, iteration_, rules);
  AUTOCOMP_RETURN_IF_ERROR(context_.Record(BeamEvent{problem_.id, Beam{iteration_, beam_}}));
  context_.IterationEnded(problem_.id, iteration_);
  if (EarlyStop()) {
    std::string message =
        fmt::format("stopped early after iteration {}: the best score improved by less than {:.1f}% in {} iteration(s)",
                    iteration_, 100.0 * (1.0 - options_.early_stop_threshold), options_.early_stop_window);
    if (std::string best = BestSoFar(); !best.empty()) message += "; " + best;
    return Finish(message);
  }
  return StartIteration(iteration_ + 1);
}

bool BeamSearch::EarlyStop() const {
  const int window = options_.early_stop_window;
  if (window <= 0 || iteration_ < window) return false;
  // Best correct score among candidates up to each iteration.
  auto best_until = [&](int iteration) {
    std::optional<double> best;
    for (const auto& c : State().candidates) {
      if (c.candidate.iteration <= iteration && c.correct() && (!best || *c.result->score < *best)) {
        best = *c.result->score;
      }
    }
    return best;
  };
  auto now = best_until(iteration_), then = best_until(iteration_ - window);
  return now && then && *then > 0 && *now / *then >= options_.early_stop_threshold;
}

Status BeamSearch::MaybeReimplement(const CandidateRecord& failed) {
  const Candidate& c = failed.candidate;
  if (!options_.reimplement_failed || !c.parent || c.impl_slot >= kReimplementSlot || failed.pending() ||
      failed.correct() || failed.result->status == EvalStatus::kNoCode ||
      failed.result->status == EvalStatus::kInfraError) {
    return Status::Ok();
  }
  if (const CandidateRecord* again = FindSlot(*c.parent, c.plan_slot, c.impl_slot + kReimplementSlot)) {
    if (again->pending()) QueueEvaluation(again->candidate.id);
    return Status::Ok();
  }
  ProposalTask task = TaskFor(ProposalPhase::kReimplement, *c.parent, c.plan_slot, c.impl_slot + kReimplementSlot);
  task.plan = c.plan;
  task.plan_seconds = c.plan_seconds;
  task.failed_code = c.code;
  task.failure_status = failed.status_name();
  task.failure_message = failed.result ? failed.result->message : "";
  task.error_output = failed.result ? failed.result->trace : "";
  Propose(std::move(task));
  return Status::Ok();
}

Status BeamSearch::Finish(const std::string& message) {
  done_ = true;
  return UpdateSummary(ProblemPhase::kDone, message.empty() ? BestSoFar() : message);
}

std::string BeamSearch::BestSoFar() const {
  const CandidateRecord* best = State().Best();
  std::optional<double> base = State().BaselineScore();
  if (!best || !base || *best->result->score <= 0) return "";
  return fmt::format("best candidate {}: {:.2f}x over the baseline in the search (before re-verification)",
                     best->candidate.id, *base / *best->result->score);
}

}  // namespace autocomp
