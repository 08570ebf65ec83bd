// src/common/json_bounded.cc — JSON parsing with a nesting limit
// (json_bounded.h).
#include "common/json_bounded.h"

namespace autocomp {

nlohmann::json ParseBoundedJson(const std::string& text, std::string* error, bool ignore_comments) {
  bool too_deep = false;
  // Values below the limit are dropped as they are parsed (the parser itself
  // keeps an explicit stack), so nothing deep is ever built.
  const nlohmann::json::parser_callback_t limit = [&too_deep](int depth, nlohmann::json::parse_event_t,
                                                              nlohmann::json&) {
    if (depth > kMaxJsonDepth) too_deep = true;
    return !too_deep;
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, limit, /*allow_exceptions=*/true, ignore_comments);
  } catch (const nlohmann::json::parse_error& e) {
    if (error) *error = std::string("not valid JSON: ") + e.what();
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  if (too_deep) {
    if (error) *error = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return j;
}

}  // namespace autocomp
