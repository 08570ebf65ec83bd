// src/master/proposer/llm_proposer.h
//
// The proposer that asks LLMs. Phase 1 builds a plan prompt (menu dropout
// and feedback drawn from the task's seed, so a resumed run sends the very
// same prompt and finds its answer in the cache), phase 2 an implement
// prompt; the calls go out through the LlmClient (libcurl multi, driven by
// Poll from the master's event loop). The n calls of one phase for one
// parent are split across the ensemble as the original does: n ÷ M per
// model, the remainder one each to the first models (or by weight).
//
// Everything is recorded as it happens: each prompt once (PromptEvent), each
// call (LlmCallEvent), each paid completion (LlmCacheEvent, the cache that
// --resume and --replay answer from). A call that failed, or a reply
// without a plan or without code, comes back as ok == false with the reason;
// its text is never passed on.
//
// Thread-safety: the master's one thread. The store outlives the proposer.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/run_store.h"
#include "master/llm/llm_client.h"
#include "master/prompt/feedback.h"
#include "master/prompt/prompt_material.h"
#include "master/prompt/problem_text.h"
#include "master/proposer/proposer.h"

namespace autocomp {

class LlmProposer final : public Proposer {
 public:
  struct Options {
    std::vector<std::string> models;         // the ensemble, in order
    std::map<std::string, double> weights;   // optional split weights
    int plans_per_candidate = 1;             // n of the plan phase, split across models
    int impls_per_plan = 1;                  // n of the implement phase
    FeedbackProbabilities feedback;
    bool examples_in_plan = false;           // all worked examples in plan prompts
    std::string label;                       // extra words for description(), e.g. "replay of old.h5"
  };

  LlmProposer(std::unique_ptr<LlmClient> client, PromptMaterial material, RunStore& store, Options options);

  void Submit(ProposalTask task) override;
  std::vector<ProposalResult> Poll(int max_wait_ms) override;
  size_t in_flight() const override { return ready_.size() + client_->in_flight(); }
  std::string description() const override;
  std::string stop_reason() const override;

  // The model the ensemble gives slot `slot` of `n` calls.
  static std::string ModelForSlot(int slot, int n, const std::vector<std::string>& models,
                                  const std::map<std::string, double>& weights);

 private:
  struct Pending {
    ProposalTask task;
    std::string model;
    std::string prompt_hash;
  };
  Result<const ProblemText*> TextFor(const Problem& problem);
  ProposalResult Finish(const Pending& pending, const LlmResponse& response);

  std::unique_ptr<LlmClient> client_;
  PromptMaterial material_;
  RunStore& store_;
  Options options_;
  std::map<ProblemId, ProblemText> texts_;
  std::map<uint64_t, Pending> pending_;
  std::vector<ProposalResult> ready_;  // answered without a call (e.g. the problem's text was unusable)
};

// The run file's response cache as the LLM client's cache; with a replay
// source, its recorded completions answer too.
class RunFileLlmCache final : public LlmCache {
 public:
  RunFileLlmCache(const RunState& state, std::map<std::string, std::string> replay = {})
      : state_(state), replay_(std::move(replay)) {}
  std::optional<CachedLlmReply> Lookup(const std::string& request_hash) override;

 private:
  const RunState& state_;
  std::map<std::string, std::string> replay_;
};

}  // namespace autocomp
