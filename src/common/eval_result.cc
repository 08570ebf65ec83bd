// src/common/eval_result.cc — EvalStatus names.
#include "common/eval_result.h"

namespace autocomp {

const char* EvalStatusName(EvalStatus status) { return NameOf(status); }

std::optional<EvalStatus> ParseEvalStatus(const std::string& name) { return FromName<EvalStatus>(name); }

}  // namespace autocomp
