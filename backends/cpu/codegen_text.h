// backends/cpu/codegen_text.h — placeholder substitution for code templates.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace autocomp::cpu {

// Replaces every "@NAME@" in `text` by its value.
inline std::string Fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    const std::string key = "@" + name + "@";
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

}  // namespace autocomp::cpu
