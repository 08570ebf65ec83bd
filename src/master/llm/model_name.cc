// src/master/llm/model_name.cc — "<provider>/<model>" parsing.
#include "master/llm/model_name.h"

namespace autocomp {

const char* WireFormatName(WireFormat format) {
  switch (format) {
    case WireFormat::kOpenAi: return "openai";
    case WireFormat::kAnthropic: return "anthropic";
    case WireFormat::kGemini: return "gemini";
  }
  return "unknown";
}

bool IsBuiltinProvider(std::string_view name) {
  return name == "openai" || name == "anthropic" || name == "gemini" || name == "together";
}

namespace {
bool HasForbiddenChar(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '?' || c == '#') return true;
  }
  return false;
}
}  // namespace

Result<ModelName> ParseModelName(std::string_view name,
                                 const std::map<std::string, WireFormat>& server_formats) {
  const std::string quoted = "model '" + std::string(name) + "'";
  size_t slash = name.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == name.size()) {
    return InvalidArgumentError(
        quoted + " must be written <provider>/<model>, e.g. openai/o3-mini; providers are "
                 "openai, anthropic, gemini, together, or a server named in llm.servers");
  }
  if (HasForbiddenChar(name)) {
    return InvalidArgumentError(quoted + " contains whitespace, '?' or '#'");
  }
  ModelName out;
  out.full = std::string(name);
  out.provider = std::string(name.substr(0, slash));
  out.model = std::string(name.substr(slash + 1));
  if (out.provider == "anthropic") {
    out.format = WireFormat::kAnthropic;
  } else if (out.provider == "gemini") {
    out.format = WireFormat::kGemini;
  } else if (out.provider == "openai" || out.provider == "together") {
    out.format = WireFormat::kOpenAi;
  } else if (auto it = server_formats.find(out.provider); it != server_formats.end()) {
    out.format = it->second;
    out.is_server = true;
  } else {
    return InvalidArgumentError(quoted + ": unknown provider '" + out.provider +
                                "'; use openai, anthropic, gemini, together, or declare a "
                                "server of that name in llm.servers");
  }
  return out;
}

}  // namespace autocomp
