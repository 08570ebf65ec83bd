// backends/cuda/cuda_backend.h
//
// The cuda backend: KernelBench-format problems (a PyTorch reference Model;
// candidates define ModelNew, usually with load_inline extensions). Builds
// run on CPU cores in the sandbox, many at once; a trusted judge per device
// (harness/cuda_judge.py) checks and times each built candidate in a
// long-lived sandboxed host process. Runs on a GPU, or on CPU tensors where
// there is none (CI). docs/cuda.md.
#pragma once

#include <memory>

#include "common/backend.h"

namespace autocomp {

Result<std::unique_ptr<Backend>> MakeCudaBackend(const BackendContext& context);

}  // namespace autocomp
