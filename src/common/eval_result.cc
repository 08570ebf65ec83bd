// src/common/eval_result.cc — EvalStatus names.
#include "common/eval_result.h"

#include <array>
#include <utility>

namespace autocomp {

namespace {
constexpr std::array<std::pair<EvalStatus, const char*>, 9> kNames = {{
    {EvalStatus::kOk, "ok"},
    {EvalStatus::kCompileError, "compile_error"},
    {EvalStatus::kWrongAnswer, "wrong_answer"},
    {EvalStatus::kRuntimeError, "runtime_error"},
    {EvalStatus::kTimeout, "timeout"},
    {EvalStatus::kResourceLimit, "resource_limit"},
    {EvalStatus::kInfraError, "infra_error"},
    {EvalStatus::kRejected, "rejected"},
    {EvalStatus::kImplausible, "implausible"},
}};
}  // namespace

const char* EvalStatusName(EvalStatus status) {
  for (const auto& [s, name] : kNames) {
    if (s == status) return name;
  }
  return "infra_error";
}

std::optional<EvalStatus> ParseEvalStatus(const std::string& name) {
  for (const auto& [s, n] : kNames) {
    if (name == n) return s;
  }
  return std::nullopt;
}

}  // namespace autocomp
