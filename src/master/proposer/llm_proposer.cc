// src/master/proposer/llm_proposer.cc — prompts out, plans and code back.
#include "master/proposer/llm_proposer.h"

#include "common/hashing.h"
#include "master/llm/ensemble.h"
#include "master/prompt/code_extraction.h"
#include "master/prompt/menu_dropout.h"
#include "master/prompt/plan_extraction.h"
#include "master/prompt/prompt_builder.h"

namespace autocomp {

std::optional<CachedLlmReply> RunFileLlmCache::Lookup(const std::string& request_hash) {
  auto it = state_.llm_cache.find(request_hash);
  if (it != state_.llm_cache.end()) return CachedLlmReply{it->second, {}};
  auto replayed = replay_.find(request_hash);
  if (replayed != replay_.end()) return CachedLlmReply{replayed->second, {}};
  return std::nullopt;
}

LlmProposer::LlmProposer(std::unique_ptr<LlmClient> client, PromptMaterial material, RunStore& store,
                         Options options)
    : client_(std::move(client)), material_(std::move(material)), store_(store), options_(std::move(options)) {}

std::string LlmProposer::ModelForSlot(int slot, int n, const std::vector<std::string>& models,
                                      const std::map<std::string, double>& weights) {
  int at = 0;
  for (const auto& [model, count] : SplitCalls(n, models, weights)) {
    if (slot < at + count) return model;
    at += count;
  }
  return models.empty() ? "" : models[static_cast<size_t>(slot) % models.size()];
}

std::string LlmProposer::description() const {
  std::string text = "LLM: ";
  for (size_t i = 0; i < options_.models.size(); ++i) text += (i ? ", " : "") + options_.models[i];
  if (!options_.label.empty()) text += " (" + options_.label + ")";
  return text;
}

std::string LlmProposer::stop_reason() const {
  return client_->budget().exhausted() ? "LLM budget reached: " + client_->budget().reason() : "";
}

Result<const ProblemText*> LlmProposer::TextFor(const Problem& problem) {
  auto it = texts_.find(problem.id);
  if (it != texts_.end()) return &it->second;
  AUTOCOMP_ASSIGN_OR_RETURN(ProblemText text, ProblemTextFor(problem, material_));
  return &texts_.emplace(problem.id, std::move(text)).first->second;
}

void LlmProposer::Submit(ProposalTask task) {
  auto text = TextFor(*task.problem);
  if (!text.ok()) {
    ready_.push_back({task.id, false, "", "llm", text.status().ToString(), 0});
    return;
  }
  const bool plan = task.phase == ProposalPhase::kPlan;
  const int slot = plan ? task.plan_slot : task.impl_slot;
  const int n = plan ? options_.plans_per_candidate : options_.impls_per_plan;
  const std::string model = ModelForSlot(slot, n, options_.models, options_.weights);
  Prompt prompt;
  if (plan) {
    PlanPromptInput in;
    in.problem = **text;
    in.parent_code = task.parent_code;
    in.feedback = DrawFeedback(task.parent_metrics, task.parent_score, (*text)->score_unit,
                               material_.hardware_metrics, options_.feedback, task.seed);
    in.offered_menu = DropoutMenu(material_.menu.size(), task.menu_keep_probability, task.seed);
    in.iteration = task.iteration;
    in.iterations = task.iterations;
    in.include_examples = options_.examples_in_plan;
    prompt = BuildPlanPrompt(material_, in);
  } else if (task.phase == ProposalPhase::kImplement) {
    ImplementPromptInput in;
    in.problem = **text;
    in.parent_code = task.parent_code;
    in.plan = task.plan;
    prompt = BuildImplementPrompt(material_, in);
  } else {
    ReimplementPromptInput in;
    in.problem = **text;
    in.parent_code = task.parent_code;
    in.plan = task.plan;
    in.failed_code = task.failed_code;
    in.failure_status = task.failure_status;
    in.failure_message = task.failure_message;
    in.error_output = task.error_output;
    prompt = BuildReimplementPrompt(material_, in);
  }
  const std::string prompt_hash = Sha256Hex(prompt.system + "\n\x1f\n" + prompt.user);
  (void)store_.Record(PromptEvent{prompt_hash, PromptText{prompt.system, prompt.user}});

  LlmRequest request;
  request.model = model;
  request.system = prompt.system;
  request.prompt = prompt.user;
  request.phase = PhaseName(task.phase);
  request.tag = task.id;
  // Two slots may send the same text (two plans can read alike); the sample
  // number keeps them apart in the cache, and stays the same on a resume.
  request.sample = plan ? static_cast<uint32_t>(task.plan_slot)
                        : static_cast<uint32_t>((task.plan_slot + 1) * 65536 + task.impl_slot);
  pending_[task.id] = {std::move(task), model, prompt_hash};
  client_->Submit(std::move(request));
}

ProposalResult LlmProposer::Finish(const Pending& pending, const LlmResponse& response) {
  const LlmCallRecord& rec = response.record;
  LlmCallInfo call;
  static_cast<LlmCallRecord&>(call) = rec;
  call.session = store_.state().info.sessions - 1;
  call.problem = pending.task.problem->id;
  if (call.model.empty()) call.model = pending.model;
  call.prompt_hash = pending.prompt_hash;
  (void)store_.Record(LlmCallEvent{call});
  if (response.status.ok() && !rec.cached && !rec.request_hash.empty()) {
    (void)store_.Record(LlmCacheEvent{rec.request_hash, response.text});
  }

  ProposalResult r;
  r.task_id = pending.task.id;
  r.origin = call.model;
  r.seconds = rec.cached ? 0 : rec.latency_s;
  if (!response.status.ok()) {
    r.error = std::string("LLM call ") + NameOf(call.status) + (rec.error.empty() ? "" : ": " + rec.error);
    return r;
  }
  if (pending.task.phase == ProposalPhase::kPlan) {
    r.text = ExtractPlan(response.text);
    r.ok = !r.text.empty();
    if (!r.ok) r.error = "the reply had no plan";
    return r;
  }
  const ProblemText& text = texts_.at(pending.task.problem->id);
  ExtractedCode code = ExtractCode(response.text, text.solution.name, text.solution.language);
  r.ok = code.found;
  if (code.found) r.text = code.code;
  else r.error = "the reply had no code: " + code.problem_if_not_found;
  return r;
}

std::vector<ProposalResult> LlmProposer::Poll(int max_wait_ms) {
  std::vector<ProposalResult> out;
  out.swap(ready_);
  for (const LlmResponse& response : client_->Poll(out.empty() ? max_wait_ms : 0)) {
    auto it = pending_.find(response.tag);
    if (it == pending_.end()) continue;
    out.push_back(Finish(it->second, response));
    pending_.erase(it);
  }
  return out;
}

}  // namespace autocomp
