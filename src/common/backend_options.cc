// src/common/backend_options.cc — refusing backend_options a backend does not take.
#include "common/backend_options.h"

#include "common/config_reader.h"

namespace autocomp {

Status RequireNoBackendOptions(const BackendContext& context, const std::string& backend) {
  if (!context.options.is_object() || context.options.empty()) return Status::Ok();
  ConfigReader r(context.options, "backend_options", context.config_source.empty() ? "config" : context.config_source);
  return r.ErrorAt(context.options.begin().key(), "the " + backend + " backend takes no backend_options");
}

}  // namespace autocomp
