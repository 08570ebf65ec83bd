// src/master/prompt/feedback.h
//
// Feedback items: what a plan prompt says about the parent's measurement
// besides its code. Autocomp shows the score and, where a backend offers
// them, utilization and other hardware feedback; each item is included in a
// prompt with its own probability, drawn afresh per prompt.
//
// Three items, each drawn independently:
//   score        the parent's score with its unit ("lower is better").
//                Absent when there is no score.
//   utilization  every numeric metric whose key ends in "_utilization"
//                (a fraction, shown as a percentage), e.g. gemmini's
//                scratchpad_utilization / accumulator_utilization. Absent
//                when the metrics have none (cpu).
//   hardware     the metrics the backend lists in prompts/<backend>/
//                feedback.txt (PromptMaterial::hardware_metrics), in that
//                order, each shown with its label. Absent when none of them
//                is in the metrics.
// An item's three draws are made even when the item is absent, so the same
// seed gives the same decisions whatever the metrics hold. The stream is
// separate from DropoutMenu's: pass the task's seed to both.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace autocomp {

// Probability of including each item in one prompt; each in [0, 1].
struct FeedbackProbabilities {
  double score = 1.0;        // the parent's measured score
  double utilization = 1.0;  // *_utilization metrics
  double hardware = 1.0;     // the backend's listed hardware metrics
};

// One metric a backend offers as hardware feedback (a feedback.txt line).
struct HardwareMetric {
  std::string key;    // metric key in EvalResult::metrics, e.g. "gflops"
  std::string label;  // how the prompt names it, e.g. "achieved GFLOP/s"
};

struct FeedbackItem {
  std::string kind;  // "score", "utilization" or "hardware"
  std::string text;  // one or more lines, each "- …", ending in '\n'
};

std::vector<FeedbackItem> DrawFeedback(const nlohmann::json& metrics, std::optional<double> score,
                                       const std::string& unit, const std::vector<HardwareMetric>& hardware,
                                       const FeedbackProbabilities& probabilities, uint64_t seed);

// How a metric value is printed in prompts: integers without a fraction
// ("123456"), other numbers with 4 significant digits ("0.01234").
std::string FormatNumber(double value);

}  // namespace autocomp
