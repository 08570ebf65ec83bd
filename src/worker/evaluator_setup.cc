// src/worker/evaluator_setup.cc — sandbox + backend + engine for one process.
#include "worker/evaluator_setup.h"

#include "common/backend_registry.h"

namespace autocomp {

Result<std::unique_ptr<Backend>> CreateBackendFor(const EvaluatorOptions& options, std::shared_ptr<const Sandbox> sandbox) {
  BackendContext context = options.context;
  context.sandbox = std::move(sandbox);
  return CreateBackend(options.backend, context);
}

Evaluator SetUpEvaluator(const EvaluatorOptions& options, const Placement& placement, int rank) {
  Evaluator e;
  HelloMsg& h = e.hello;
  h.rank = rank;
  h.host = placement.host;
  h.local_rank = placement.local_rank;
  auto sandbox = Sandbox::Create();
  if (!sandbox.ok()) {
    h.healthy = false;
    h.error = sandbox.status().ToString();
    return e;
  }
  e.sandbox = *sandbox;
  auto backend = CreateBackendFor(options, e.sandbox);
  if (!backend.ok()) {
    h.healthy = false;
    h.error = backend.status().ToString();
    return e;
  }
  e.backend = std::move(*backend);
  Status env = e.backend->CheckEnvironment();
  if (!env.ok()) {
    h.healthy = false;
    h.error = env.ToString();
    return e;
  }
  h.backend_version = e.backend->version();
  h.backend_version_details = e.backend->version_details();
  auto resource = ResourceFor(placement, e.backend->resource_kind());
  if (!resource.ok()) {
    h.healthy = false;
    h.error = resource.status().ToString();
    return e;
  }
  h.resource = *resource;
  h.build_threads = options.build_threads > 0 ? options.build_threads
                                                   : std::max<int>(1, static_cast<int>(h.resource.cpus.size()));
  // One task per build thread plus one waiting to be measured: enough to keep
  // the device busy, few enough that the master can still reorder the rest.
  h.slots = h.build_threads + 1;
  EvalEngine::Options engine;
  engine.build_threads = h.build_threads;
  engine.scratch_root = options.scratch_root / ("rank" + std::to_string(rank));
  engine.resource = h.resource;
  engine.rank = rank;
  engine.host = placement.host;
  if (options.quiet_node && e.backend->measurement_needs_quiet_node()) {
    engine.quiet_lock_dir = options.scratch_root;
  }
  e.engine = std::make_unique<EvalEngine>(*e.backend, e.sandbox, engine);
  // What the sandbox really achieves on this node, from a trivial command.
  if (auto probe = ScratchDir::Create(options.scratch_root / ("rank" + std::to_string(rank)), "probe"); probe.ok()) {
    SandboxSpec spec;
    spec.workdir = probe->path();
    spec.isolate = options.isolate;
    spec.limits.wall_seconds = 10;
    spec.argv = {"true"};
    ProcessOutcome o = e.sandbox->Run(spec);
    h.isolation = o.Succeeded() ? o.isolation : "sandbox probe failed: " + o.Describe();
  }
  return e;
}

}  // namespace autocomp
