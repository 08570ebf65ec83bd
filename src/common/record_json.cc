// src/common/record_json.cc — the JSON form of a ProblemId.
#include "common/record_json.h"

namespace autocomp {

nlohmann::json ToJson(const ProblemId& id) { return {{"backend", id.backend}, {"set", id.set}, {"index", id.index}}; }

std::optional<ProblemId> ProblemIdFromJson(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("backend") || !j.contains("set") || !j.contains("index") ||
      !j["backend"].is_string() || !j["set"].is_string() || !j["index"].is_number_integer()) {
    return std::nullopt;
  }
  return ProblemId{j["backend"].get<std::string>(), j["set"].get<std::string>(), j["index"].get<int>()};
}

}  // namespace autocomp
