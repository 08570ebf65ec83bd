// backends/registered_backends.cc — the list of backends; one line each.
#include "common/backend_registry.h"

#include "cpu/cpu_backend.h"
#include "cuda/cuda_backend.h"
#include "gemmini/gemmini_backend.h"
#include "synthetic/synthetic_backend.h"

namespace autocomp {

const std::vector<BackendEntry>& RegisteredBackends() {
  static const std::vector<BackendEntry> backends = {
      {"cpu", "native C/C++ kernels timed on CPU cores (the embedded default)", MakeCpuBackend},
      {"gemmini", "Gemmini accelerator: bit-exact built-in model, Spike or FireSim", MakeGemminiBackend},
      {"cuda", "KernelBench-style PyTorch problems: custom kernels timed on a GPU (or on CPU tensors)", MakeCudaBackend},
      {"synthetic", "benchmark tool: generated scores, configurable cost (not a real target)", MakeSyntheticBackend},
  };
  return backends;
}

}  // namespace autocomp
