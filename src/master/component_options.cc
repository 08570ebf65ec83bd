// src/master/component_options.cc — Config → each component's options.
#include "master/component_options.h"

#include "common/autocomp_home.h"

namespace autocomp {

Result<ComponentOptions> ComponentOptionsFrom(const Config& config) {
  ComponentOptions o;
  o.evaluator = EvaluatorOptionsFrom(config);
  o.problems = config.problems;
  o.run_file = config.output.path;
  o.flush_seconds = config.output.flush_seconds;
  o.scheduler.lost_after_s = config.workers.lost_after_s;
  o.scheduler.hello_timeout_s = config.workers.hello_timeout_s;
  o.run_loop.search = config.search;
  o.offline = config.offline();
  o.run_loop.model = o.offline ? "offline" : "llm";
  o.bench = config.bench;
  if (o.offline) return o;

  AUTOCOMP_ASSIGN_OR_RETURN(o.llm, ParseLlmOptions(config.llm, config.source, config.models));
  o.prompts_dir = AutocompHome() / "prompts" / config.backend;
  LlmProposer::Options& p = o.proposer;
  p.models = config.models;
  p.weights = o.llm.weights;
  p.plans_per_candidate = config.search.plans_per_candidate;
  p.impls_per_plan = config.search.impls_per_plan;
  p.feedback.score = config.search.feedback_score;
  p.feedback.utilization = config.search.feedback_utilization;
  p.feedback.hardware = config.search.feedback_hardware;
  p.examples_in_plan = config.search.examples_in_plan;
  return o;
}

}  // namespace autocomp
