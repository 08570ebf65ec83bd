// src/master/component_options.h
//
// Every component's options, built from the run's Config in one place: the
// evaluator (backend, eval settings, scratch, heartbeats), problem selection,
// the run file, the scheduler, the run loop and its search, the LLM layer and
// the LLM proposer (prompt feedback, examples), the benchmark delay. Nothing
// else reads Config keys; tests/master/component_options_test.cc checks that
// every key documented in docs/config.md changes what a component receives.
//
// Plain values; building them has no side effects.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/config.h"
#include "master/llm/llm_options.h"
#include "master/proposer/llm_proposer.h"
#include "master/run_loop.h"
#include "master/scheduler/mpi_scheduler.h"
#include "worker/evaluator_options.h"

namespace autocomp {

struct ComponentOptions {
  EvaluatorOptions evaluator;              // also what every worker rank builds
  std::vector<ProblemSelection> problems;  // checked against the backend by ResolveProblems
  std::string run_file;                    // output.path; "" = runs/<config name>.h5
  double flush_seconds = 2;                // output.flush_seconds, for the run store
  MpiScheduler::Options scheduler;
  RunLoop::Options run_loop;               // backend_version: set once the master's backend exists
  bool offline = true;                     // models == ["offline"]: the offline proposer
  LlmOptions llm;                          // LLM runs only: the "llm" section and the ensemble
  LlmProposer::Options proposer;           // LLM runs only
  std::filesystem::path prompts_dir;       // LLM runs only: prompts/<backend>
  BenchOptions bench;                      // the DelayedProposer's simulated latency

};

// Fails only on an invalid "llm" section (LLM runs).
Result<ComponentOptions> ComponentOptionsFrom(const Config& config);

}  // namespace autocomp
