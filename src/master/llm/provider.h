// src/master/llm/provider.h
//
// A Provider knows one wire format: how to turn a request into an HTTP POST
// (URL, headers, JSON body) and what a reply means (text, usage, refusal, or
// an error and whether it names a parameter the model rejects). It does no
// I/O and keeps no state; the client owns transport, retries and accounting.
//
//   MakeOpenAiProvider(kOpenAi)      api.openai.com chat completions
//   MakeOpenAiProvider(kCompatible)  Together, vLLM, llama.cpp, Ollama
//   MakeAnthropicProvider()          Anthropic messages
//   MakeGeminiProvider()             Gemini generateContent
//
// Droppable parameters, by their logical names: "temperature",
// "reasoning_effort" and, for OpenAI, "system_role" (fold the system prompt
// into the user message for models that refuse a system message). When a
// 400/422 reply names one that was sent, ParseReply() reports it in
// rejected_param and the client retries without it.
//
// Thread-safety: implementations are immutable; share freely.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "master/llm/llm_request.h"

namespace autocomp {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"; holds the key, never log
  std::string body;
};

// Everything BuildRequest needs for one attempt.
struct ProviderCall {
  std::string base_url;             // no trailing '/'
  std::optional<std::string> key;   // nullopt: send no credentials
  std::string model;                // the id without the provider prefix
  std::string system;
  std::string prompt;
  ResolvedParams params;
  std::set<std::string> dropped;    // logical parameters not to send
};

struct ProviderReply {
  enum class Kind {
    kText,       // a completion (text may be empty)
    kRefusal,    // the model/provider declined; error_message says how
    kError,      // an error reply (any non-2xx status)
    kMalformed,  // a 2xx whose body is not the expected JSON
  };
  Kind kind = Kind::kMalformed;
  std::string text;
  std::string finish_reason;
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  std::string error_message;          // readable; may echo the provider's words
  std::string error_code;             // "rate_limit_error", "insufficient_quota", "RESOURCE_EXHAUSTED"
  std::string rejected_param;         // logical name, when a 400/422 blames a sent parameter
  std::optional<double> retry_after_s;  // a delay named in the body (Gemini RetryInfo)
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual HttpRequest BuildRequest(const ProviderCall& call) const = 0;
  // `sent` lists the droppable parameters the request carried.
  virtual ProviderReply ParseReply(int http_status, std::string_view body,
                                   const std::vector<std::string>& sent) const = 0;
  // The droppable parameters BuildRequest would send for `call`.
  virtual std::vector<std::string> DroppableSent(const ProviderCall& call) const = 0;
};

enum class OpenAiFlavor {
  kOpenAi,      // max_completion_tokens; reasoning_effort when set
  kCompatible,  // max_tokens (what every compatible server accepts)
};

std::unique_ptr<Provider> MakeOpenAiProvider(OpenAiFlavor flavor);
std::unique_ptr<Provider> MakeAnthropicProvider();
std::unique_ptr<Provider> MakeGeminiProvider();

// Shared helpers for the adapters (provider_util.cc).
namespace provider_internal {
// The first `max` bytes of `body` as a readable one-line snippet.
std::string Snippet(std::string_view body, size_t max = 300);
// The logical parameter among `sent` that `message`/`param` blame, matching
// each logical name's wire spellings (e.g. "thinking" for Gemini's
// reasoning_effort); empty if none.
std::string BlamedParam(const std::vector<std::string>& sent, const std::string& param,
                        const std::string& message,
                        const std::vector<std::pair<std::string, std::string>>& spellings);
}  // namespace provider_internal

}  // namespace autocomp
