// src/worker/evaluator_setup.h
//
// Everything one evaluating process needs, built the same way on a worker
// rank and in a one-rank master: the sandbox, the backend (checked against
// its toolchain), the resource, the scratch and cache dirs, the engine, and
// the HELLO that describes it all. A setup that fails still yields a HELLO
// (healthy = false, with the reason) so the master can say what is wrong.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "common/backend.h"
#include "common/sandbox.h"
#include "common/wire.h"
#include "worker/eval_engine.h"
#include "worker/evaluator_options.h"
#include "worker/resource_discovery.h"

namespace autocomp {

struct Evaluator {
  std::shared_ptr<Sandbox> sandbox;
  std::unique_ptr<Backend> backend;
  std::unique_ptr<EvalEngine> engine;
  HelloMsg hello;
};

// Never fails: on failure hello.healthy is false and hello.error says why.
Evaluator SetUpEvaluator(const EvaluatorOptions& options, const Placement& placement, int rank);

// A backend for the master's own use (problems, knobs, versions).
Result<std::unique_ptr<Backend>> CreateBackendFor(const EvaluatorOptions& options, std::shared_ptr<const Sandbox> sandbox);

}  // namespace autocomp
