// src/common/offline_tuner.cc — the knob marker line and move tag tuners share.
#include "common/offline_tuner.h"

namespace autocomp {

namespace {
constexpr const char* kMoveTag = "offline-move: ";
}  // namespace

std::string KnobsLine(const std::string& marker, const nlohmann::json& knobs) { return marker + knobs.dump() + "\n"; }

std::optional<nlohmann::json> KnobsInMarkerLine(const std::string& code, const std::string& marker) {
  if (code.rfind(marker, 0) != 0) return std::nullopt;
  const size_t end = code.find('\n');
  nlohmann::json knobs = nlohmann::json::parse(code.substr(marker.size(), end - marker.size()), nullptr, false);
  if (!knobs.is_object()) return std::nullopt;
  return knobs;
}

std::string MoveTag(const std::string& id) { return kMoveTag + id; }

std::optional<std::string> MoveIdOf(const std::string& plan) {
  const size_t at = plan.rfind(kMoveTag);
  if (at == std::string::npos) return std::nullopt;
  const std::string rest = plan.substr(at + std::string(kMoveTag).size());
  return rest.substr(0, rest.find_first_of(" \n\r"));
}

}  // namespace autocomp
