// src/common/number_text.h
//
// Numbers read from text we do not control (environment variables, tool
// output, replies): ParseNumber<T>("42") is 42, and anything that is not
// wholly a number of T's range — "", "4x", "1e999" for int — is nullopt,
// never a silent 0 or an exception.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>

namespace autocomp {

template <class T>
std::optional<T> ParseNumber(std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  auto [at, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || at != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace autocomp
