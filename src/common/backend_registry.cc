// src/common/backend_registry.cc — lookup over RegisteredBackends().
#include "common/backend_registry.h"

namespace autocomp {

Result<std::unique_ptr<Backend>> CreateBackend(const std::string& name,
                                               const BackendContext& context) {
  for (const auto& entry : RegisteredBackends()) {
    if (entry.name == name) return entry.factory(context);
  }
  return InvalidArgumentError("unknown backend '" + name + "' (known: " + BackendNames() + ")");
}

std::string BackendNames() {
  std::string names;
  for (const auto& entry : RegisteredBackends()) {
    if (!names.empty()) names += ", ";
    names += entry.name;
  }
  return names;
}

}  // namespace autocomp
