// src/master/proposer/offline_proposer.h
//
// The proposer of the embedded default: no network, no LLM. Phase 1 keeps
// each entry of the backend's optimization menu with the configured
// probability (the same dropout an LLM prompt gets), then picks one of the
// moves the backend's OfflineTuner can apply to the parent; phase 2 asks the
// tuner for the code of that move (implementation slot i = variant i).
// Deterministic: the same task (seed) always gives the same answer.
// Everything it writes is labelled "offline", never as an LLM.
#pragma once

#include <deque>
#include <memory>

#include "common/offline_tuner.h"
#include "master/proposer/proposer.h"

namespace autocomp {

class OfflineProposer final : public Proposer {
 public:
  // `tuner` may be null (a backend without knobs): every request then fails with a reason.
  explicit OfflineProposer(const OfflineTuner* tuner) : tuner_(tuner) {}

  void Submit(ProposalTask task) override;
  std::vector<ProposalResult> Poll(int max_wait_ms) override;
  size_t in_flight() const override { return ready_.size(); }
  std::string description() const override { return "offline (no LLM)"; }

 private:
  ProposalResult Answer(const ProposalTask& task) const;

  const OfflineTuner* tuner_;
  std::deque<ProposalResult> ready_;
};

}  // namespace autocomp
