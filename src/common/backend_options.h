// src/common/backend_options.h
//
// For backends that take no "backend_options": any key given is an error
// naming the key and the config file, as ConfigReader words it.
#pragma once

#include "common/backend.h"
#include "common/status.h"

namespace autocomp {

Status RequireNoBackendOptions(const BackendContext& context, const std::string& backend);

}  // namespace autocomp
