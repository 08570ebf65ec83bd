// src/worker/evaluator_options.h
//
// What an evaluating process takes from the run's Config: the backend's
// context (which backend, its simulator, the eval settings, where trusted
// build products are cached), the scratch root, and the worker loop's
// settings. EvaluatorOptionsFrom() is the only place that reads these keys;
// the master's ComponentOptionsFrom() (src/master/component_options.h)
// calls it, so one test covers every key.
#pragma once

#include <filesystem>
#include <string>

#include "common/backend.h"
#include "common/config.h"

namespace autocomp {

struct EvaluatorOptions {
  std::string backend;                  // config "backend"
  BackendContext context;               // everything but the sandbox, which each process creates
  std::filesystem::path scratch_root;   // output.scratch_dir, else $TMPDIR/autocomp-<uid>
  int build_threads = 0;                // eval.build_threads; 0: one per CPU of the resource
  bool quiet_node = true;               // eval.quiet_node: builds pause while a CPU-timed measurement runs
  bool isolate = true;                  // eval.isolate, for the sandbox probe reported in HELLO
  double heartbeat_s = 5;               // workers.heartbeat_s
};

EvaluatorOptions EvaluatorOptionsFrom(const Config& config);

}  // namespace autocomp
