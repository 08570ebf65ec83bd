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

using nlohmann::json;
using provider_internal::BlamedParam;
using provider_internal::Snippet;

const std::vector<std::pair<std::string, std::string>> kSpellings = {
    {"temperature", "temperature"},
    {"reasoning_effort", "reasoning_effort"},
    {"system_role", "messages[0].role"},
    {"system_role", "system role"},
};

std::string StringOr(const json& j, const char* key, const std::string& fallback = "") {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return fallback;
}

int64_t IntOr(const json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_number_integer()) return j[key].get<int64_t>();
  return 0;
}

class OpenAiProvider final : public Provider {
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
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
  }

  ProviderReply ParseReply(int http_status, std::string_view body,
                           const std::vector<std::string>& sent) const override {
    ProviderReply out;
    json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
    bool success = http_status >= 200 && http_status < 300;
    if (doc.is_discarded() || !doc.is_object()) {
      out.kind = success ? ProviderReply::Kind::kMalformed : ProviderReply::Kind::kError;
      out.error_message = (success ? "reply is not a JSON object: " : "") + Snippet(body);
      return out;
    }
    if (!success || doc.contains("error") || StringOr(doc, "object") == "error") {
      out.kind = ProviderReply::Kind::kError;
      const json& err = doc.contains("error") && doc["error"].is_object() ? doc["error"] : doc;
      out.error_message = StringOr(err, "message", Snippet(body));
      out.error_code = StringOr(err, "code", StringOr(err, "type"));
      if (http_status == 400 || http_status == 422) {
        out.rejected_param = BlamedParam(sent, StringOr(err, "param"), out.error_message, kSpellings);
      }
      if (success) out.kind = ProviderReply::Kind::kMalformed;  // an error inside a 200
      return out;
    }
    if (!doc.contains("choices") || !doc["choices"].is_array() || doc["choices"].empty() ||
        !doc["choices"][0].is_object() || !doc["choices"][0].contains("message") ||
        !doc["choices"][0]["message"].is_object()) {
      out.kind = ProviderReply::Kind::kMalformed;
      out.error_message = "reply has no choices[0].message: " + Snippet(body);
      return out;
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
      return out;
    }
    out.kind = ProviderReply::Kind::kText;
    if (message.contains("content") && message["content"].is_string()) {
      out.text = message["content"].get<std::string>();
    } else if (message.contains("content") && message["content"].is_array()) {
      for (const auto& part : message["content"]) out.text += StringOr(part, "text");
    }
    return out;
  }

 private:
  OpenAiFlavor flavor_;
};

}  // namespace

std::unique_ptr<Provider> MakeOpenAiProvider(OpenAiFlavor flavor) {
  return std::make_unique<OpenAiProvider>(flavor);
}

}  // namespace autocomp
