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

using namespace provider_internal;  // NOLINT: the helpers shared by the provider adapters

const ParamSpellings kSpellings = {{"temperature", "temperature"}};

class AnthropicProvider final : public JsonProvider {
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
    r.body = JsonText(body);
    return r;
  }

  void ParseDocument(const ReplyDocument& reply, int http_status, std::string_view body,
                     const std::vector<std::string>& sent, ProviderReply& out) const override {
    const json& doc = reply.doc;
    if (!reply.success || StringOr(doc, "type") == "error") {
      const json& err = ErrorObject(doc);
      FillError(out, reply.failed, err, body, StringOr(err, "type"), http_status, "", sent, kSpellings);
      return;
    }
    if (!doc.contains("content") || !doc["content"].is_array()) {
      out.kind = ProviderReply::Kind::kMalformed;
      out.error_message = "reply has no content array: " + Snippet(body);
      return;
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
      return;
    }
    out.kind = ProviderReply::Kind::kText;
    return;
  }
};

}  // namespace

std::unique_ptr<Provider> MakeAnthropicProvider() { return std::make_unique<AnthropicProvider>(); }

}  // namespace autocomp
