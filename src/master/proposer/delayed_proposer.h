// src/master/proposer/delayed_proposer.h
//
// A benchmark tool, never used for real results: wraps a proposer and holds
// each answer back for a simulated LLM latency, drawn uniformly from
// [min, max] seconds by the request's seed (so a rerun sees the same
// latencies). With the offline proposer underneath it gives the master the
// timing of an LLM-driven run without any network: the stand-in for the
// LLM endpoint in P1/P2. Its description says what it is, and so does the
// run file.
#pragma once

#include <chrono>
#include <map>
#include <memory>

#include "master/proposer/proposer.h"

namespace autocomp {

class DelayedProposer final : public Proposer {
 public:
  DelayedProposer(std::unique_ptr<Proposer> inner, double min_seconds, double max_seconds)
      : inner_(std::move(inner)), min_(min_seconds), max_(max_seconds) {}

  void Submit(ProposalTask task) override;
  std::vector<ProposalResult> Poll(int max_wait_ms) override;
  size_t in_flight() const override { return inner_->in_flight() + held_.size(); }
  std::string description() const override;

 private:
  struct Held {
    std::chrono::steady_clock::time_point due;
    ProposalResult result;
  };
  std::unique_ptr<Proposer> inner_;
  double min_, max_;
  std::map<uint64_t, std::chrono::steady_clock::time_point> due_;  // task id → when its answer may go out
  std::map<uint64_t, double> latency_;
  std::multimap<std::chrono::steady_clock::time_point, ProposalResult> held_;
};

}  // namespace autocomp
