// src/master/proposer/offline_proposer.cc — menu dropout and tuner moves.
#include "master/proposer/offline_proposer.h"

#include <random>

#include "master/prompt/menu_dropout.h"

namespace autocomp {

void OfflineProposer::Submit(ProposalTask task) { ready_.push_back(Answer(task)); }

std::vector<ProposalResult> OfflineProposer::Poll(int) {
  std::vector<ProposalResult> out(ready_.begin(), ready_.end());
  ready_.clear();
  return out;
}

ProposalResult OfflineProposer::Answer(const ProposalTask& task) const {
  ProposalResult r;
  r.task_id = task.id;
  r.origin = "offline";
  if (!tuner_) {
    r.error = "the " + task.problem->id.backend + " backend offers no knobs for the offline proposer";
    return r;
  }
  if (task.phase == ProposalPhase::kPlan) {
    // The same dropout an LLM's plan prompt gets (the tuner's own menu).
    const std::vector<int> kept = DropoutMenu(tuner_->Menu(*task.problem).size(), task.menu_keep_probability, task.seed);
    std::vector<TunerMove> moves = tuner_->Moves(*task.problem, task.parent_code, kept);
    if (moves.empty()) {
      r.error = "no kept menu entry applies to this code";
      return r;
    }
    // Different plan slots of one parent start from different moves.
    std::mt19937_64 rng(MixSeed(task.seed, 7));
    const size_t pick = (static_cast<size_t>(rng() % moves.size()) + static_cast<size_t>(task.plan_slot)) %
                        moves.size();
    r.ok = true;
    r.text = moves[pick].plan;
    return r;
  }
  // A reimplementation asks for another setting of the same move (the tuner cannot read errors).
  Result<std::string> code = tuner_->Implement(*task.problem, task.parent_code, task.plan, task.impl_slot);
  if (!code.ok()) {
    r.error = code.status().message();
    return r;
  }
  r.ok = true;
  r.text = *code;
  return r;
}

}  // namespace autocomp
