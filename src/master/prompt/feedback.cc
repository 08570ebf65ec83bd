// src/master/prompt/feedback.cc — drawing and wording the feedback items.
#include "master/prompt/feedback.h"

#include <cmath>
#include <cstdio>
#include <random>

#include "master/prompt/menu_dropout.h"

namespace autocomp {

namespace {

constexpr uint64_t kFeedbackStream = 0x666565646261636bULL;  // "feedback"

constexpr const char* kUtilizationSuffix = "_utilization";

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "scratchpad_utilization" -> "scratchpad"
std::string UtilizationName(const std::string& key) {
  std::string name = key.substr(0, key.size() - std::string(kUtilizationSuffix).size());
  for (char& c : name) {
    if (c == '_') c = ' ';
  }
  return name;
}

std::string Percent(double fraction) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100.0);
  return buf;
}

std::string ScoreText(double score, const std::string& unit) {
  std::string text = "- Score: " + FormatNumber(score);
  if (!unit.empty()) text += " " + unit;
  return text + " (lower is better)\n";
}

std::string UtilizationText(const nlohmann::json& metrics) {
  std::string text;
  if (!metrics.is_object()) return text;
  for (const auto& [key, value] : metrics.items()) {  // nlohmann::json objects iterate in key order
    if (!EndsWith(key, kUtilizationSuffix) || key.size() == std::string(kUtilizationSuffix).size()) continue;
    if (!value.is_number()) continue;
    text += "- " + UtilizationName(key) + " utilization: " + Percent(value.get<double>()) + " of its capacity\n";
  }
  return text;
}

std::string HardwareText(const nlohmann::json& metrics, const std::vector<HardwareMetric>& hardware) {
  std::string text;
  if (!metrics.is_object()) return text;
  for (const HardwareMetric& m : hardware) {
    auto it = metrics.find(m.key);
    if (it == metrics.end() || !it->is_number()) continue;
    text += "- " + m.label + ": " + FormatNumber(it->get<double>()) + "\n";
  }
  return text;
}

}  // namespace

std::string FormatNumber(double value) {
  char buf[64];
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
  } else {
    std::snprintf(buf, sizeof buf, "%.4g", value);
  }
  return buf;
}

std::vector<FeedbackItem> DrawFeedback(const nlohmann::json& metrics, std::optional<double> score,
                                       const std::string& unit, const std::vector<HardwareMetric>& hardware,
                                       const FeedbackProbabilities& probabilities, uint64_t seed) {
  std::mt19937_64 rng(MixSeed(seed, kFeedbackStream));
  const bool want_score = UnitInterval(rng()) < probabilities.score;
  const bool want_utilization = UnitInterval(rng()) < probabilities.utilization;
  const bool want_hardware = UnitInterval(rng()) < probabilities.hardware;

  std::vector<FeedbackItem> items;
  if (want_score && score) items.push_back({"score", ScoreText(*score, unit)});
  if (want_utilization) {
    std::string text = UtilizationText(metrics);
    if (!text.empty()) items.push_back({"utilization", std::move(text)});
  }
  if (want_hardware) {
    std::string text = HardwareText(metrics, hardware);
    if (!text.empty()) items.push_back({"hardware", std::move(text)});
  }
  return items;
}

}  // namespace autocomp
