// src/master/llm/llm_budget.h
//
// LlmBudget: counts what the run has spent on LLM calls and says when to
// stop asking (llm.max_cost_usd, llm.max_llm_calls).
//
// A call counts toward max_llm_calls when its first attempt is sent
// (retries and cached replies do not count); its cost counts when it
// finishes. Once exhausted, the client sends nothing new — queued calls end
// with status "budget" — while calls already in flight finish and are paid
// for, so the final spend may pass max_cost_usd by what was in flight.
//
// Thread-safety: none; owned by the client's single thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace autocomp {

class LlmBudget {
 public:
  LlmBudget(std::optional<double> max_cost_usd, std::optional<int64_t> max_calls)
      : max_cost_usd_(max_cost_usd), max_calls_(max_calls) {}

  void OnCallStarted() { ++calls_started_; }
  void OnCallFinished(double cost_usd) { spent_usd_ += cost_usd; }

  bool exhausted() const { return !reason().empty(); }
  // Empty while money and calls remain; else which limit was reached, e.g.
  // "llm.max_cost_usd reached: spent $5.0213 of $5.00".
  std::string reason() const;

  double spent_usd() const { return spent_usd_; }
  int64_t calls_started() const { return calls_started_; }

 private:
  std::optional<double> max_cost_usd_;
  std::optional<int64_t> max_calls_;
  double spent_usd_ = 0;
  int64_t calls_started_ = 0;
};

}  // namespace autocomp
