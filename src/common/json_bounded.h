// src/common/json_bounded.h
//
// JSON parsing with a nesting limit, for every document autocomp reads from
// outside (config files, journal lines, run-file columns, wire messages).
// nlohmann::json copies and compares values recursively, so a document
// nested hundreds of thousands of levels deep would exhaust the stack long
// after it parsed; documents deeper than kMaxJsonDepth are refused instead.
// Thread-safe.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace autocomp {

inline constexpr int kMaxJsonDepth = 256;

// The parsed document; a discarded value (is_discarded()) when `text` is not
// JSON or nests deeper than kMaxJsonDepth, with the reason in *error (if
// given): "not valid JSON: <parser message>" or "nested deeper than 256
// levels".
nlohmann::json ParseBoundedJson(const std::string& text, std::string* error = nullptr, bool ignore_comments = false);

}  // namespace autocomp
