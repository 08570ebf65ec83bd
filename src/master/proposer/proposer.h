// src/master/proposer/proposer.h
//
// A Proposer plays the LLM's part in the search: given a problem and a
// parent candidate it writes a plan (phase 1), and given a plan it writes
// code (phase 2). Each ProposalTask is one request — one LLM call, or one
// move of the offline tuner. Requests are asynchronous: Submit() returns at
// once, Poll() hands back whatever finished, so LLM latency of one problem
// overlaps evaluation of another in the master's event loop.
//
// Implementations: OfflineProposer (the backend's knobs, no network),
// LlmProposer (prompts through src/master/llm; `run --replay` answers it
// from a run file's recorded responses), DelayedProposer (benchmarks only:
// simulated latency in front of another proposer).
// A failed request is a ProposalResult with ok == false and a reason; it is
// never passed on as if it were content.
// Thread-safety: called from the master's one thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/problem.h"

namespace autocomp {

// kReimplement: one more implementation of a plan whose implementation
// failed, with the failure in the prompt (search.reimplement_failed).
enum class ProposalPhase { kPlan, kImplement, kReimplement };

inline const char* PhaseName(ProposalPhase p) {
  return p == ProposalPhase::kPlan ? "plan" : p == ProposalPhase::kImplement ? "implement" : "reimplement";
}

// Implementation slots of reimplementations start here (slot + kReimplementSlot).
constexpr int kReimplementSlot = 1000;

struct ProposalTask {
  uint64_t id = 0;                 // assigned by the run loop
  ProposalPhase phase = ProposalPhase::kPlan;
  const Problem* problem = nullptr;
  uint64_t parent_id = 0;
  std::string parent_code;
  std::optional<double> parent_score;
  nlohmann::json parent_metrics = nlohmann::json::object();  // feedback for the plan prompt
  int iteration = 1;               // 1-based search iteration
  int iterations = 1;              // of how many
  int plan_slot = 0;
  int impl_slot = -1;              // -1 in the plan phase
  std::string plan;                // the plan to implement (implement phase)
  double plan_seconds = 0;         // latency of the plan request (implement phase)
  // Reimplement phase: the implementation that failed and why.
  std::string failed_code;
  std::string failure_status;
  std::string failure_message;
  std::string error_output;
  uint64_t seed = 0;               // all randomness of this request derives from it
  double menu_keep_probability = 1.0;
  std::string model;               // which model answers ("offline" for the offline proposer)
};

struct ProposalResult {
  uint64_t task_id = 0;
  bool ok = false;
  std::string text;    // the plan (phase 1) or the code (phase 2)
  std::string origin;  // who wrote it, e.g. "offline" or "openai/o3-mini"
  std::string error;   // why there is no text
  double seconds = 0;  // latency of the request, submit to answer
};

class Proposer {
 public:
  virtual ~Proposer() = default;
  virtual void Submit(ProposalTask task) = 0;
  // Finished requests; waits at most `max_wait_ms` when nothing is ready.
  virtual std::vector<ProposalResult> Poll(int max_wait_ms) = 0;
  virtual size_t in_flight() const = 0;
  // For logs and the run file, e.g. "offline (no LLM)".
  virtual std::string description() const = 0;
  // Non-empty once the proposer will answer nothing more (e.g. the LLM budget
  // is spent): the run then finishes what is in flight and stops.
  virtual std::string stop_reason() const { return ""; }
};

}  // namespace autocomp
