// src/master/llm/gemini_provider.cc
//
// Gemini: POST {base}/v1beta/models/{model}:generateContent with
// "x-goog-api-key: KEY" (never ?key=, so the key stays out of URLs); body
// {contents: [{role: "user", parts: [{text}]}], systemInstruction?,
// generationConfig: {temperature?, maxOutputTokens?, thinkingConfig?}};
// reply candidates[0].content.parts[].text (thought parts skipped),
// finishReason, usageMetadata.{promptTokenCount, candidatesTokenCount,
// thoughtsTokenCount}; errors {error: {code, message, status, details}},
// where a RetryInfo detail's retryDelay ("37s") is a retry hint.
//
// reasoning_effort becomes thinkingConfig.thinkingBudget: none 0,
// minimal 512, low 1024, medium 8192, high 24576 (the mapping Google's
// OpenAI-compatible endpoint documents for low/medium/high).
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "common/number_text.h"
#include "master/llm/provider.h"

namespace autocomp {

namespace {

using namespace provider_internal;  // NOLINT: the helpers shared by the provider adapters

const ParamSpellings kSpellings = {{"temperature", "temperature"}, {"reasoning_effort", "thinking"}};

int ThinkingBudget(const std::string& effort) {
  if (effort == "none") return 0;
  if (effort == "minimal") return 512;
  if (effort == "low") return 1024;
  if (effort == "medium") return 8192;
  return 24576;  // high
}

bool IsBlockReason(const std::string& finish) {
  return finish == "SAFETY" || finish == "RECITATION" || finish == "BLOCKLIST" ||
         finish == "PROHIBITED_CONTENT" || finish == "SPII" || finish == "IMAGE_SAFETY" ||
         finish == "LANGUAGE";
}

class GeminiProvider final : public JsonProvider {
 public:
  std::vector<std::string> DroppableSent(const ProviderCall& c) const override {
    std::vector<std::string> out;
    if (c.params.temperature && !c.dropped.count("temperature")) out.push_back("temperature");
    if (!c.params.reasoning_effort.empty() && !c.dropped.count("reasoning_effort")) {
      out.push_back("reasoning_effort");
    }
    return out;
  }

  HttpRequest BuildRequest(const ProviderCall& c) const override {
    HttpRequest r;
    r.url = c.base_url + "/v1beta/models/" + c.model + ":generateContent";
    r.headers = {"Content-Type: application/json", "Accept: application/json"};
    if (c.key) r.headers.push_back("x-goog-api-key: " + *c.key);
    json body = {{"contents", json::array({{{"role", "user"},
                                            {"parts", json::array({{{"text", c.prompt}}})}}})}};
    if (!c.system.empty()) {
      body["systemInstruction"] = {{"parts", json::array({{{"text", c.system}}})}};
    }
    json config = json::object();
    if (c.params.temperature && !c.dropped.count("temperature")) {
      config["temperature"] = *c.params.temperature;
    }
    if (c.params.max_tokens > 0) config["maxOutputTokens"] = c.params.max_tokens;
    if (!c.params.reasoning_effort.empty() && !c.dropped.count("reasoning_effort")) {
      config["thinkingConfig"] = {{"thinkingBudget", ThinkingBudget(c.params.reasoning_effort)}};
    }
    if (!config.empty()) body["generationConfig"] = config;
    r.body = JsonText(body);
    return r;
  }

  void ParseDocument(const ReplyDocument& reply, int http_status, std::string_view body,
                     const std::vector<std::string>& sent, ProviderReply& out) const override {
    const json& doc = reply.doc;
    if (!reply.success || doc.contains("error")) {
      const json& err = ErrorObject(doc);
      FillError(out, reply.failed, err, body, StringOr(err, "status"), http_status, "", sent, kSpellings);
      if (err.contains("details") && err["details"].is_array()) {
        for (const auto& d : err["details"]) {
          std::string delay = StringOr(d, "retryDelay");
          if (!delay.empty() && delay.back() == 's') {
            const std::optional<double> s = ParseNumber<double>(std::string_view(delay).substr(0, delay.size() - 1));
            if (s && *s >= 0) out.retry_after_s = *s;
          }
        }
      }
      return;
    }
    if (doc.contains("usageMetadata") && doc["usageMetadata"].is_object()) {
      const json& u = doc["usageMetadata"];
      out.prompt_tokens = IntOr(u, "promptTokenCount");
      out.completion_tokens = IntOr(u, "candidatesTokenCount") + IntOr(u, "thoughtsTokenCount");
    }
    if (!doc.contains("candidates") || !doc["candidates"].is_array() || doc["candidates"].empty()) {
      std::string block = doc.contains("promptFeedback") ? StringOr(doc["promptFeedback"], "blockReason") : "";
      if (!block.empty()) {
        out.kind = ProviderReply::Kind::kRefusal;
        out.finish_reason = block;
        out.error_message = "prompt blocked: " + block;
      } else {
        out.kind = ProviderReply::Kind::kMalformed;
        out.error_message = "reply has no candidates: " + Snippet(body);
      }
      return;
    }
    const json& cand = doc["candidates"][0];
    out.finish_reason = StringOr(cand, "finishReason");
    if (IsBlockReason(out.finish_reason)) {
      out.kind = ProviderReply::Kind::kRefusal;
      out.error_message = "finishReason " + out.finish_reason;
      return;
    }
    if (cand.contains("content") && cand["content"].is_object() &&
        cand["content"].contains("parts") && cand["content"]["parts"].is_array()) {
      for (const auto& part : cand["content"]["parts"]) {
        if (part.is_object() && part.contains("thought") && part["thought"].is_boolean() &&
            part["thought"].get<bool>()) {
          continue;
        }
        out.text += StringOr(part, "text");
      }
    }
    out.kind = ProviderReply::Kind::kText;
    return;
  }
};

}  // namespace

std::unique_ptr<Provider> MakeGeminiProvider() { return std::make_unique<GeminiProvider>(); }

}  // namespace autocomp
