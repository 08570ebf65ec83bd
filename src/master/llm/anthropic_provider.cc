// src/master/llm/anthropic_provider.cc
//
// Anthropic messages: POST {base}/v1/messages with "x-api-key: KEY" and
// "anthropic-version: 2023-06-01"; body {model, max_tokens (required),
// system?, messages: [{role: "user", content}], temperature?}; reply
// {type: "message", content: [{type: "text", text}, …], stop_reason,
// usage: {input_tokens, output_tokens, cache_*_input_tokens}}; errors
// {type: "error", error: {type, message}}; 529 = overloaded.
// reasoning_effort is not sent (extended thinking is not used).
#include <nlohmann/json.hpp>

#include "master/llm/provider.h"

namespace autocomp {

namespace {

using nlohmann::json;
using provider_internal::BlamedParam;
using provider_internal::Snippet;

const std::vector<std::pair<std::string, std::string>> kSpellings = {
    {"temperature", "temperature"},
};

std::string StringOr(const json& j, const char* key, const std::string& fallback = "") {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return fallback;
}

int64_t IntOr(const json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_number_integer()) return j[key].get<int64_t>();
  return 0;
}

class AnthropicProvider final : public Provider {
 public:
  std::vector<std::string> DroppableSent(const ProviderCall& c) const override {
    std::vector<std::string> out;
    if (c.params.temperature && !c.dropped.count("temperature")) out.push_back("temperature");
    return out;
  }

  HttpRequest BuildRequest(const ProviderCall& c) const override {
    HttpRequest r;
    r.url = c.base_url + "/v1/messages";
    r.headers = {"content-type: application/json", "accept: application/json",
                 "anthropic-version: 2023-06-01"};
    if (c.key) r.headers.push_back("x-api-key: " + *c.key);
    json body = {
        {"model", c.model},
        {"max_tokens", c.params.max_tokens > 0 ? c.params.max_tokens : 8192},
        {"messages", json::array({{{"role", "user"}, {"content", c.prompt}}})},
    };
    if (!c.system.empty()) body["system"] = c.system;
    if (c.params.temperature && !c.dropped.count("temperature")) {
      body["temperature"] = *c.params.temperature;
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
    if (!success || StringOr(doc, "type") == "error") {
      out.kind = success ? ProviderReply::Kind::kMalformed : ProviderReply::Kind::kError;
      const json& err = doc.contains("error") && doc["error"].is_object() ? doc["error"] : doc;
      out.error_message = StringOr(err, "message", Snippet(body));
      out.error_code = StringOr(err, "type");
      if (http_status == 400 || http_status == 422) {
        out.rejected_param = BlamedParam(sent, "", out.error_message, kSpellings);
      }
      return out;
    }
    if (!doc.contains("content") || !doc["content"].is_array()) {
      out.kind = ProviderReply::Kind::kMalformed;
      out.error_message = "reply has no content array: " + Snippet(body);
      return out;
    }
    out.finish_reason = StringOr(doc, "stop_reason");
    if (doc.contains("usage") && doc["usage"].is_object()) {
      const json& u = doc["usage"];
      out.prompt_tokens = IntOr(u, "input_tokens") + IntOr(u, "cache_creation_input_tokens") +
                          IntOr(u, "cache_read_input_tokens");
      out.completion_tokens = IntOr(u, "output_tokens");
    }
    for (const auto& block : doc["content"]) {
      if (StringOr(block, "type") == "text") out.text += StringOr(block, "text");
    }
    if (out.finish_reason == "refusal") {
      out.kind = ProviderReply::Kind::kRefusal;
      out.error_message = "stop_reason refusal" + (out.text.empty() ? "" : ": " + Snippet(out.text));
      out.text.clear();
      return out;
    }
    out.kind = ProviderReply::Kind::kText;
    return out;
  }
};

}  // namespace

std::unique_ptr<Provider> MakeAnthropicProvider() { return std::make_unique<AnthropicProvider>(); }

}  // namespace autocomp
