// backends/cpu/runner/kernel_kinds.cc — the kinds the runner knows, by name.
#include <dlfcn.h>

#include "kernel_kind.h"

namespace autocomp::cpu_harness {

std::unique_ptr<KernelKind> MakeKernelKind(const std::string& kind, void* library, std::string* error) {
  struct Entry {
    const char* name;
    const char* reference;
    std::unique_ptr<KernelKind> (*make)(void*);
  };
  static const Entry kKinds[] = {
      {"gemm", "reference_gemm", MakeGemmKind},
      {"conv2d", "reference_conv2d", MakeConv2dKind},
      {"softmax", "reference_softmax", MakeSoftmaxKind},
  };
  for (const Entry& e : kKinds) {
    if (kind != e.name) continue;
    void* fn = library ? dlsym(library, e.reference) : nullptr;
    if (!fn) {
      *error = std::string("the reference library defines no ") + e.reference;
      return nullptr;
    }
    return e.make(fn);
  }
  *error = "the runner knows no problem kind '" + kind + "' (gemm, conv2d, softmax)";
  return nullptr;
}

}  // namespace autocomp::cpu_harness
