// src/worker/evaluator_setup.cc — sandbox + backend + engine for one process.
#include "worker/evaluator_setup.h"

#include <unistd.h>

#include <cstdlib>

#include "common/backend_registry.h"

#ifndef AUTOCOMP_HOME_DEFAULT
#define AUTOCOMP_HOME_DEFAULT "."
#endif

namespace autocomp {

namespace fs = std::filesystem;

fs::path AutocompHome() {
  if (const char* home = std::getenv("AUTOCOMP_HOME")) return home;
  return AUTOCOMP_HOME_DEFAULT;
}

fs::path ScratchRoot(const Config& config) {
  if (!config.output.scratch_dir.empty()) return config.output.scratch_dir;
  const char* tmp = std::getenv("TMPDIR");
  return fs::path(tmp && *tmp ? tmp : "/tmp") / ("autocomp-" + std::to_string(getuid()));
}

Result<std::unique_ptr<Backend>> CreateBackendFor(const Config& config, std::shared_ptr<const Sandbox> sandbox) {
  BackendContext context;
  context.home = AutocompHome();
  context.simulator = config.simulator;
  context.eval = config.eval;
  context.sandbox = std::move(sandbox);
  context.cache_dir = ScratchRoot(config) / "cache";
  return CreateBackend(config.backend, context);
}

Evaluator SetUpEvaluator(const Config& config, const Placement& placement, int rank) {
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
  auto backend = CreateBackendFor(config, e.sandbox);
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
  auto resource = ResourceFor(placement, e.backend->resource_kind());
  if (!resource.ok()) {
    h.healthy = false;
    h.error = resource.status().ToString();
    return e;
  }
  h.resource = *resource;
  h.build_threads = config.eval.build_threads > 0 ? config.eval.build_threads
                                                  : std::max<int>(1, static_cast<int>(h.resource.cpus.size()));
  // One task per build thread plus one waiting to be measured: enough to keep
  // the device busy, few enough that the master can still reorder the rest.
  h.slots = h.build_threads + 1;
  EvalEngine::Options options;
  options.build_threads = h.build_threads;
  options.scratch_root = ScratchRoot(config) / ("rank" + std::to_string(rank));
  options.resource = h.resource;
  options.rank = rank;
  options.host = placement.host;
  if (config.eval.quiet_node && e.backend->measurement_needs_quiet_node()) {
    options.quiet_lock_dir = ScratchRoot(config);
  }
  e.engine = std::make_unique<EvalEngine>(*e.backend, e.sandbox, options);
  // What the sandbox really achieves on this node, from a trivial command.
  if (auto probe = ScratchDir::Create(ScratchRoot(config) / ("rank" + std::to_string(rank)), "probe"); probe.ok()) {
    SandboxSpec spec;
    spec.workdir = probe->path();
    spec.isolate = config.eval.isolate;
    spec.limits.wall_seconds = 10;
    spec.argv = {"true"};
    ProcessOutcome o = e.sandbox->Run(spec);
    h.isolation = o.Succeeded() ? o.isolation : "sandbox probe failed: " + o.Describe();
  }
  return e;
}

}  // namespace autocomp
