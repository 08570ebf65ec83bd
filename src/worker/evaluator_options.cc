// src/worker/evaluator_options.cc — the Config keys an evaluating process uses.
#include "worker/evaluator_options.h"

#include <unistd.h>

#include <cstdlib>

#include "common/autocomp_home.h"

namespace autocomp {

namespace fs = std::filesystem;

namespace {

fs::path ScratchRoot(const OutputOptions& output) {
  if (!output.scratch_dir.empty()) return output.scratch_dir;
  const char* tmp = std::getenv("TMPDIR");
  return fs::path(tmp && *tmp ? tmp : "/tmp") / ("autocomp-" + std::to_string(getuid()));
}

}  // namespace

EvaluatorOptions EvaluatorOptionsFrom(const Config& config) {
  EvaluatorOptions o;
  o.backend = config.backend;
  o.scratch_root = ScratchRoot(config.output);
  o.context.home = AutocompHome();
  o.context.simulator = config.simulator;
  o.context.options = config.backend_options;
  o.context.config_source = config.source;
  o.context.eval = config.eval;
  o.context.cache_dir = o.scratch_root / "cache";
  o.build_threads = config.eval.build_threads;
  o.quiet_node = config.eval.quiet_node;
  o.isolate = config.eval.isolate;
  o.heartbeat_s = config.workers.heartbeat_s;
  return o;
}

}  // namespace autocomp
