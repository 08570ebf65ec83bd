// src/master/llm/model_name.h
//
// A model name says which service answers it: "<provider>/<model>".
//
//   openai/o3-mini                      OpenAI chat completions
//   anthropic/claude-3-7-sonnet-20250219 Anthropic messages
//   gemini/gemini-2.5-pro               Gemini generateContent
//   together/meta-llama/Llama-3.3-70B-Instruct-Turbo
//                                       Together (OpenAI format)
//   local/qwen2.5-coder:7b              a server named "local" in the config's
//                                       llm.servers (vLLM, llama.cpp, Ollama…)
//
// The provider is everything before the first '/'; the rest, slashes
// included, is the model id sent on the wire. Server names share the
// namespace with the four built-in providers and may not reuse them.
// docs/llm.md is the user-facing description.
//
// Thread-safety: pure functions over values.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace autocomp {

// Which request/response format a provider speaks.
enum class WireFormat { kOpenAi, kAnthropic, kGemini };

// "openai", "anthropic" or "gemini".
const char* WireFormatName(WireFormat format);

// Known built-in providers: openai, anthropic, gemini, together.
bool IsBuiltinProvider(std::string_view name);

struct ModelName {
  std::string full;      // "openai/o3-mini", as the user wrote it
  std::string provider;  // "openai", "together", or a server name
  std::string model;     // "o3-mini": the id sent to the provider
  WireFormat format = WireFormat::kOpenAi;
  bool is_server = false;  // true for a server declared in llm.servers
};

// Parses `name`. `server_formats` maps each configured server name to the
// format it speaks (usually kOpenAi). Fails with InvalidArgument naming the
// model when the provider part is unknown or either part is empty or holds
// whitespace, '?' or '#'.
Result<ModelName> ParseModelName(std::string_view name,
                                 const std::map<std::string, WireFormat>& server_formats);

}  // namespace autocomp
