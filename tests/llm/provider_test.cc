// tests/llm/provider_test.cc — reply shapes the scripted server does not
// produce: content arrays, thinking blocks and thought parts, errors inside a
// 200, compatible servers' error shape, and which parameter a 400 blames.
#include "master/llm/provider.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace autocomp {
namespace {

using Kind = ProviderReply::Kind;

TEST(ProviderTest, OpenAiContentPartsAndNullUsage) {
  auto p = MakeOpenAiProvider(OpenAiFlavor::kCompatible);
  auto r = p->ParseReply(200, R"({"choices":[{"message":{"role":"assistant","content":[
      {"type":"text","text":"a"},{"type":"text","text":"b"}]},"finish_reason":"stop"}],
      "usage":null})", {});
  EXPECT_EQ(r.kind, Kind::kText);
  EXPECT_EQ(r.text, "ab");
  EXPECT_EQ(r.prompt_tokens, 0);
}

TEST(ProviderTest, OpenAiContentFilterIsARefusal) {
  auto p = MakeOpenAiProvider(OpenAiFlavor::kOpenAi);
  auto r = p->ParseReply(200, R"({"choices":[{"message":{"role":"assistant","content":null},
      "finish_reason":"content_filter"}]})", {});
  EXPECT_EQ(r.kind, Kind::kRefusal);
}

TEST(ProviderTest, CompatibleServerErrorShapes) {
  auto p = MakeOpenAiProvider(OpenAiFlavor::kCompatible);
  // vLLM's {object: "error"} shape, blaming the system role (e.g. Gemma templates).
  auto r = p->ParseReply(400, R"({"object":"error","message":"System role not supported",
      "type":"BadRequestError","code":400})", {"system_role", "temperature"});
  EXPECT_EQ(r.kind, Kind::kError);
  EXPECT_EQ(r.error_message, "System role not supported");
  EXPECT_EQ(r.rejected_param, "system_role");
  // An error object inside a 200 is not content.
  r = p->ParseReply(200, R"({"error":{"message":"overloaded"}})", {});
  EXPECT_EQ(r.kind, Kind::kMalformed);
  // A proxy's HTML error page.
  r = p->ParseReply(502, "<html>Bad Gateway</html>", {});
  EXPECT_EQ(r.kind, Kind::kError);
  EXPECT_EQ(r.error_message, "<html>Bad Gateway</html>");
}

TEST(ProviderTest, BlameNeedsTheParameterToHaveBeenSent) {
  auto p = MakeOpenAiProvider(OpenAiFlavor::kOpenAi);
  std::string body = R"({"error":{"message":"Unsupported parameter: 'temperature' is not supported with this model.",
      "type":"invalid_request_error","param":"temperature","code":"unsupported_parameter"}})";
  EXPECT_EQ(p->ParseReply(400, body, {"temperature"}).rejected_param, "temperature");
  EXPECT_EQ(p->ParseReply(400, body, {"reasoning_effort"}).rejected_param, "");
  EXPECT_EQ(p->ParseReply(500, body, {"temperature"}).rejected_param, "");
}

TEST(ProviderTest, AnthropicSkipsThinkingBlocksAndCountsCacheTokens) {
  auto p = MakeAnthropicProvider();
  auto r = p->ParseReply(200, R"({"type":"message","content":[
      {"type":"thinking","thinking":"hmm","signature":"x"},{"type":"text","text":"answer"}],
      "stop_reason":"end_turn","usage":{"input_tokens":10,"cache_read_input_tokens":5,
      "cache_creation_input_tokens":1,"output_tokens":7}})", {});
  EXPECT_EQ(r.kind, Kind::kText);
  EXPECT_EQ(r.text, "answer");
  EXPECT_EQ(r.prompt_tokens, 16);
  EXPECT_EQ(r.completion_tokens, 7);
}

TEST(ProviderTest, GeminiSkipsThoughtsAndBillsThem) {
  auto p = MakeGeminiProvider();
  auto r = p->ParseReply(200, R"({"candidates":[{"content":{"role":"model","parts":[
      {"text":"thinking...","thought":true},{"text":"final"}]},"finishReason":"STOP"}],
      "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":4,"thoughtsTokenCount":100}})", {});
  EXPECT_EQ(r.kind, Kind::kText);
  EXPECT_EQ(r.text, "final");
  EXPECT_EQ(r.completion_tokens, 104);
  r = p->ParseReply(200, R"({"candidates":[]})", {});
  EXPECT_EQ(r.kind, Kind::kMalformed);
}

TEST(ProviderTest, GeminiRequestNeverPutsTheKeyInTheUrl) {
  auto p = MakeGeminiProvider();
  ProviderCall c;
  c.base_url = "https://generativelanguage.googleapis.com";
  c.key = "AIza-secret-0123456789";
  c.model = "gemini-2.5-pro";
  c.prompt = "hi";
  c.params.max_tokens = 10;
  HttpRequest req = p->BuildRequest(c);
  EXPECT_EQ(req.url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent");
  EXPECT_EQ(req.body.find("AIza"), std::string::npos);
  bool header = false;
  for (const auto& h : req.headers) header = header || h == "x-goog-api-key: AIza-secret-0123456789";
  EXPECT_TRUE(header);
}

TEST(ProviderTest, DroppedParametersAreNotSent) {
  auto p = MakeOpenAiProvider(OpenAiFlavor::kOpenAi);
  ProviderCall c;
  c.base_url = "https://api.openai.com/v1";
  c.model = "o3-mini";
  c.system = "sys";
  c.prompt = "user";
  c.params.temperature = 0.5;
  c.params.max_tokens = 100;
  c.params.reasoning_effort = "high";
  EXPECT_EQ(p->DroppableSent(c), (std::vector<std::string>{"temperature", "reasoning_effort", "system_role"}));
  c.dropped = {"temperature", "system_role"};
  EXPECT_EQ(p->DroppableSent(c), (std::vector<std::string>{"reasoning_effort"}));
  auto body = nlohmann::json::parse(p->BuildRequest(c).body);
  EXPECT_FALSE(body.contains("temperature"));
  EXPECT_EQ(body["messages"].size(), 1u);
  EXPECT_EQ(body["messages"][0]["content"], "sys\n\nuser");
  bool has_auth = false;
  for (const auto& h : p->BuildRequest(c).headers) has_auth = has_auth || h.rfind("Authorization", 0) == 0;
  EXPECT_FALSE(has_auth);  // no key given, none sent
}

}  // namespace
}  // namespace autocomp
