// backends/cuda/cuda_options.h
//
// The cuda backend's settings: the config's "backend_options" object, read
// strictly (unknown keys and bad values are errors naming the key and the
// file). docs/cuda.md lists them.
#pragma once

#include <filesystem>
#include <string>

#include "common/backend.h"
#include "common/status.h"

namespace autocomp::cuda {

struct CudaOptions {
  std::filesystem::path kernelbench_dir;  // a KernelBench checkout; "" = no kb-level sets
  std::string size = "auto";              // "ci", "full", or "auto" (ci on a CPU, full on a GPU)
  std::string device = "auto";            // "cuda", "cpu", or "auto" (cuda when torch sees a GPU)
  std::string python = "/usr/bin/python3";
  int correctness_trials = 5;             // checked calls with fresh inputs, per round
  int warmup_trials = 10;
  int timed_trials = 100;
  int sampled_checks = 3;                 // timed calls whose outputs are also checked (plus the last)
  int host_reuse = 25;                    // candidates one host process serves before it is replaced
  bool allow_torch_ops = false;           // let candidates call torch's compute operators
  double memory_gb = 0;                   // per build and per host process; 0 = half the node's memory, at most 32
  int build_jobs = 1;                     // compiler jobs per build (MAX_JOBS)
  double host_start_timeout_s = 180;
  double measure_timeout_s = 600;         // one candidate's checks and timing, per round
};

// Validates context.options; errors read "<config>: backend_options.<key>: <what>".
Result<CudaOptions> ParseCudaOptions(const BackendContext& context);

}  // namespace autocomp::cuda
