// src/master/llm/provider_util.cc — helpers shared by the provider adapters.
#include "master/llm/provider.h"

#include <algorithm>

namespace autocomp::provider_internal {

std::string Snippet(std::string_view body, size_t max) {
  std::string out;
  for (char c : body.substr(0, max)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (body.size() > max) out += "…";
  return out;
}

std::string BlamedParam(const std::vector<std::string>& sent, const std::string& param,
                        const std::string& message,
                        const std::vector<std::pair<std::string, std::string>>& spellings) {
  std::string lower = message;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [logical, wire] : spellings) {
    if (std::find(sent.begin(), sent.end(), logical) == sent.end()) continue;
    if (!param.empty() && param == wire) return logical;
    if (lower.find(wire) != std::string::npos) return logical;
  }
  return "";
}

}  // namespace autocomp::provider_internal
