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

#include <nlohmann/json.hpp>

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
using json = nlohmann::json;
// A logical parameter and one way a provider's error messages spell it.
using ParamSpellings = std::vector<std::pair<std::string, std::string>>;

// The first `max` bytes of `body` as a readable one-line snippet.
std::string Snippet(std::string_view body, size_t max = 300);
// The logical parameter among `sent` that `message`/`param` blame, matching
// each logical name's wire spellings (e.g. "thinking" for Gemini's
// reasoning_effort); empty if none.
std::string BlamedParam(const std::vector<std::string>& sent, const std::string& param,
                        const std::string& message,
                        const std::vector<std::pair<std::string, std::string>>& spellings);

// j[key] when it is a string (an integer), else the fallback (0).
std::string StringOr(const nlohmann::json& j, const char* key, const std::string& fallback = "");
int64_t IntOr(const nlohmann::json& j, const char* key);

// A reply body that is a JSON object, and how its HTTP status ended.
struct ReplyDocument {
  nlohmann::json doc;
  bool success = false;          // 2xx
  ProviderReply::Kind failed{};  // what an error inside it is: kMalformed after a 2xx, else kError
};
// The reply as a JSON object; otherwise null, with `out` saying why.
std::optional<ReplyDocument> ReplyObject(int http_status, std::string_view body, ProviderReply& out);

// An error reply's error object: doc["error"], or the document itself.
const nlohmann::json& ErrorObject(const nlohmann::json& doc);

// Fills `out` as an error of `kind` with err["message"] (else a snippet of
// the body) and `code`; on 400/422 also the parameter among `sent` that the
// message or `param` blames.
void FillError(ProviderReply& out, ProviderReply::Kind kind, const nlohmann::json& err, std::string_view body,
               std::string code, int http_status, const std::string& param, const std::vector<std::string>& sent,
               const std::vector<std::pair<std::string, std::string>>& spellings);
// A request body as compact JSON (invalid UTF-8 replaced, never thrown on).
std::string JsonText(const nlohmann::json& body);

// The adapters' common shape: ParseReply() turns the body into a JSON object
// (or a malformed or error reply when it is none) and hands it to ParseDocument().
class JsonProvider : public Provider {
 public:
  ProviderReply ParseReply(int http_status, std::string_view body, const std::vector<std::string>& sent) const final;

 protected:
  virtual void ParseDocument(const ReplyDocument& reply, int http_status, std::string_view body,
                             const std::vector<std::string>& sent, ProviderReply& out) const = 0;
};
}  // namespace provider_internal

}  // namespace autocomp
