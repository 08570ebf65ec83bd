// backends/registered_backends.cc — the list of backends; one line each.
#include "common/backend_registry.h"

#include "cpu/cpu_backend.h"

namespace autocomp {

const std::vector<BackendEntry>& RegisteredBackends() {
  static const std::vector<BackendEntry> backends = {
      {"cpu", "native C/C++ kernels timed on CPU cores (the embedded default)", MakeCpuBackend},
  };
  return backends;
}

}  // namespace autocomp
