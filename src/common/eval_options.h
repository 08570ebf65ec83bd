// src/common/eval_options.h
//
// How candidates are built and measured: the "eval" section of the config
// (docs/config.md documents each key). Backends read these; defaults are the
// values a user gets when the key is absent.
#pragma once

#include <cstdint>
#include <string>

namespace autocomp {

struct EvalOptions {
  double build_timeout_s = 120;     // wall clock for one candidate's build
  double run_timeout_s = 60;        // wall clock for one candidate's run (all repeats)
  int warmup = 1;                   // untimed runs before timing
  int repeats = 5;                  // timed runs; the score is their median
  // What the score counts; "" is the backend's default. cpu: "time" (median
  // seconds, the default) or "instructions" (callgrind); gemmini: "cycles"
  // (the calibrated model, the default) or "instructions" (Spike's count).
  std::string score;
  int64_t memory_limit_mb = 4096;   // address-space limit per candidate process
  int64_t output_limit_mb = 64;     // a candidate printing more than this is killed
  int64_t file_size_limit_mb = 256; // largest file a candidate may write
  int max_processes = 64;           // processes a candidate may have at once
  int build_threads = 0;            // parallel builds per worker; 0 = cores per worker
  bool isolate = true;              // namespaces + unprivileged uid when available
  bool quiet_node = true;           // CPU-timed backends: no build overlaps a timed run on a node
};

}  // namespace autocomp
