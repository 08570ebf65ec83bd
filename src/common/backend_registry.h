// src/common/backend_registry.h
//
// Name → factory for backends. Backends register themselves in
// backends/registered_backends.cc (one line each); src/ never names one.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/backend.h"

namespace autocomp {

using BackendFactory = std::function<Result<std::unique_ptr<Backend>>(const BackendContext&)>;

struct BackendEntry {
  std::string name;
  std::string summary;       // one line for `autocomp problems --help` and errors
  BackendFactory factory;
};

// All registered backends (defined in backends/registered_backends.cc).
const std::vector<BackendEntry>& RegisteredBackends();

// Creates the named backend; InvalidArgument listing the known names otherwise.
Result<std::unique_ptr<Backend>> CreateBackend(const std::string& name, const BackendContext& context);

// Names of all registered backends, comma-separated, for error messages.
std::string BackendNames();

}  // namespace autocomp
