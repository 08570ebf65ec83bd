// src/master/llm/openai_provider.cc
//
// OpenAI chat completions: POST {base}/chat/completions, "Authorization:
// Bearer KEY"; body {model, messages, temperature?, max_completion_tokens |
// max_tokens, reasoning_effort?}; reply choices[0].message.{content,
// refusal}, finish_reason, usage.{prompt_tokens, completion_tokens}; errors
// {error: {message, type, param, code}}. The compatible flavor (Together,
// vLLM, llama.cpp, Ollama) differs only in sending max_tokens, and also
// reads the {object: "error", message} error shape some servers use.
#include <nlohmann/json.hpp>

#include "master/llm/provider.h"

namespace autocomp {

namespace {

using namespace provider_internal;  // NOLINT: the helpers shared by the provider adapters

const ParamSpellings kSpellings = {{"temperature", "temperature"}, {"reasoning_effort", "reasoning_effort"},
                                    {"system_role", "messages[0].role"}, {"system_role", "system role"}};

class OpenAiProvider final : public JsonProvider {
 public:
  explicit OpenAiProvider(OpenAiFlavor flavor) : flavor_(flavor) {}

  std::vector<std::string> DroppableSent(const ProviderCall& c) const override {
    std::vector<std::string> out;
    if (c.params.temperature && !c.dropped.count("temperature")) out.push_back("temperature");
    if (!c.params.reasoning_effort.empty() && !c.dropped.count("reasoning_effort")) {
      out.push_back("reasoning_effort");
    }
    if (!c.system.empty() && !c.dropped.count("system_role")) out.push_back("system_role");
    return out;
  }

  HttpRequest BuildRequest(const ProviderCall& c) const override {
    HttpRequest r;
    r.url = c.base_url + "/chat/completions";
    r.headers = {"Content-Type: application/json", "Accept: application/json"};
    if (c.key) r.headers.push_back("Authorization: Bearer " + *c.key);

    json messages = json::array();
    std::string user = c.prompt;
    if (!c.system.empty()) {
      if (c.dropped.count("system_role")) {
        user = c.system + "\n\n" + c.prompt;
      } else {
        messages.push_back({{"role", "system"}, {"content", c.system}});
      }
    }
    messages.push_back({{"role", "user"}, {"content", user}});
    json body = {{"model", c.model}, {"messages", messages}};
    if (c.params.temperature && !c.dropped.count("temperature")) {
      body["temperature"] = *c.params.temperature;
    }
    if (c.params.max_tokens > 0) {
      body[flavor_ == OpenAiFlavor::kOpenAi ? "max_completion_tokens" : "max_tokens"] =
          c.params.max_tokens;
    }
    if (!c.params.reasoning_effort.empty() && !c.dropped.count("reasoning_effort")) {
      body["reasoning_effort"] = c.params.reasoning_effort;
    }
    r.body = JsonText(body);
    return r;
  }

  void ParseDocument(const ReplyDocument& reply, int http_status, std::string_view body,
                     const std::vector<std::string>& sent, ProviderReply& out) const override {
    const json& doc = reply.doc;
    if (!reply.success || doc.contains("error") || StringOr(doc, "object") == "error") {
      const json& err = ErrorObject(doc);
      // An error inside a 200 is a malformed reply.
      FillError(out, reply.failed, err, body, StringOr(err, "code", StringOr(err, "type")), http_status,
                StringOr(err, "param"), sent, kSpellings);
      return;
    }
    if (!doc.contains("choices") || !doc["choices"].is_array() || doc["choices"].empty() ||
        !doc["choices"][0].is_object() || !doc["choices"][0].contains("message") ||
        !doc["choices"][0]["message"].is_object()) {
      out.kind = ProviderReply::Kind::kMalformed;
      out.error_message = "reply has no choices[0].message: " + Snippet(body);
      return;
    }
    const json& choice = doc["choices"][0];
    const json& message = choice["message"];
    out.finish_reason = StringOr(choice, "finish_reason");
    if (doc.contains("usage") && doc["usage"].is_object()) {
      out.prompt_tokens = IntOr(doc["usage"], "prompt_tokens");
      out.completion_tokens = IntOr(doc["usage"], "completion_tokens");
    }
    std::string refusal = StringOr(message, "refusal");
    if (!refusal.empty() || out.finish_reason == "content_filter") {
      out.kind = ProviderReply::Kind::kRefusal;
      out.error_message = refusal.empty() ? "stopped by the content filter" : refusal;
      return;
    }
    out.kind = ProviderReply::Kind::kText;
    if (message.contains("content") && message["content"].is_string()) {
      out.text = message["content"].get<std::string>();
    } else if (message.contains("content") && message["content"].is_array()) {
      for (const auto& part : message["content"]) out.text += StringOr(part, "text");
    }
    return;
  }

 private:
  OpenAiFlavor flavor_;
};

}  // namespace

std::unique_ptr<Provider> MakeOpenAiProvider(OpenAiFlavor flavor) {
  return std::make_unique<OpenAiProvider>(flavor);
}

}  // namespace autocomp
