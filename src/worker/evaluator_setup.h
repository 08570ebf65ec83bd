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
#include "common/config.h"
#include "common/sandbox.h"
#include "common/wire.h"
#include "worker/eval_engine.h"
#include "worker/resource_discovery.h"

namespace autocomp {

// $AUTOCOMP_HOME, else the source tree this binary was built from.
std::filesystem::path AutocompHome();

// The scratch root for a rank: output.scratch_dir, else $TMPDIR/autocomp-<uid>.
std::filesystem::path ScratchRoot(const Config& config);

struct Evaluator {
  std::shared_ptr<Sandbox> sandbox;
  std::unique_ptr<Backend> backend;
  std::unique_ptr<EvalEngine> engine;
  HelloMsg hello;
};

// Never fails: on failure hello.healthy is false and hello.error says why.
Evaluator SetUpEvaluator(const Config& config, const Placement& placement, int rank);

// A backend for the master's own use (problems, knobs, versions).
Result<std::unique_ptr<Backend>> CreateBackendFor(const Config& config, std::shared_ptr<const Sandbox> sandbox);

}  // namespace autocomp
