// tests/llm/llm_client_providers_test.cc — each provider's wire format end to
// end: the real client against the scripted server, usage → tokens → cost.
#include <gtest/gtest.h>

#include "llm_test_support.h"

namespace autocomp::testing {
namespace {

using nlohmann::json;

class ProvidersTest : public LlmServerTest {};

TEST_F(ProvidersTest, OpenAiChatCompletions) {
  Script({{"replies", {{{"content", "```c\nint x;\n```"},
                        {"usage", {{"prompt", 1000}, {"completion", 2000}}}}}}});
  auto client = Client(Options());
  LlmRequest r = Request("openai/o3-mini", "make it fast", 7);
  r.system = "You optimize kernels.";
  r.temperature = 0.5;
  r.max_tokens = 100;
  r.reasoning_effort = "low";
  client->Submit(r);
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  const LlmResponse& resp = out[0];
  ASSERT_TRUE(resp.status.ok()) << resp.status.ToString();
  EXPECT_EQ(resp.tag, 7u);
  EXPECT_EQ(resp.text, "```c\nint x;\n```");
  EXPECT_EQ(resp.record.status, LlmCallStatus::kOk);
  EXPECT_EQ(resp.record.provider, "openai");
  EXPECT_EQ(resp.record.model, "openai/o3-mini");
  EXPECT_EQ(resp.record.phase, "plan");
  EXPECT_EQ(resp.record.prompt_tokens, 1000);
  EXPECT_EQ(resp.record.completion_tokens, 2000);
  EXPECT_TRUE(resp.record.price_known);
  EXPECT_NEAR(resp.record.cost_usd, (1000 * 1.10 + 2000 * 4.40) / 1e6, 1e-12);
  EXPECT_EQ(resp.record.http_status, 200);
  EXPECT_EQ(resp.record.retries, 0);
  EXPECT_EQ(resp.record.finish_reason, "stop");
  EXPECT_EQ(resp.record.request_hash.size(), 64u);
  EXPECT_GT(resp.record.latency_s, 0);
  EXPECT_GT(resp.record.start_time_unix, 1.6e9);
  EXPECT_EQ(client->in_flight(), 0u);

  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0]["path"], "/openai/v1/chat/completions");
  EXPECT_EQ(reqs[0]["headers"]["authorization"], std::string("Bearer ") + kOpenAiKey);
  json body = json::parse(reqs[0]["body"].get<std::string>());
  EXPECT_EQ(body["model"], "o3-mini");
  EXPECT_EQ(body["messages"][0]["role"], "system");
  EXPECT_EQ(body["messages"][0]["content"], "You optimize kernels.");
  EXPECT_EQ(body["messages"][1]["role"], "user");
  EXPECT_EQ(body["messages"][1]["content"], "make it fast");
  EXPECT_EQ(body["temperature"], 0.5);
  EXPECT_EQ(body["max_completion_tokens"], 100);
  EXPECT_FALSE(body.contains("max_tokens"));
  EXPECT_EQ(body["reasoning_effort"], "low");
}

TEST_F(ProvidersTest, AnthropicMessages) {
  Script({{"replies", {{{"content", "plan: tile by 4"},
                        {"usage", {{"prompt", 3000}, {"completion", 500}}}}}}});
  auto client = Client(Options());
  LlmRequest r = Request("anthropic/claude-3-7-sonnet-20250219", "what next?");
  r.system = "Be brief.";
  r.max_tokens = 2048;
  client->Submit(r);
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].text, "plan: tile by 4");
  EXPECT_EQ(out[0].record.prompt_tokens, 3000);
  EXPECT_EQ(out[0].record.completion_tokens, 500);
  // Dated snapshot priced through the "anthropic/claude-3-7-sonnet" entry.
  EXPECT_NEAR(out[0].record.cost_usd, (3000 * 3.0 + 500 * 15.0) / 1e6, 1e-12);
  EXPECT_EQ(out[0].record.finish_reason, "end_turn");

  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0]["path"], "/anthropic/v1/messages");
  EXPECT_EQ(reqs[0]["headers"]["x-api-key"], kAnthropicKey);
  EXPECT_EQ(reqs[0]["headers"]["anthropic-version"], "2023-06-01");
  EXPECT_FALSE(reqs[0]["headers"].contains("authorization"));
  json body = json::parse(reqs[0]["body"].get<std::string>());
  EXPECT_EQ(body["model"], "claude-3-7-sonnet-20250219");
  EXPECT_EQ(body["max_tokens"], 2048);
  EXPECT_EQ(body["system"], "Be brief.");
  EXPECT_EQ(body["messages"], json::parse(R"([{"role":"user","content":"what next?"}])"));
  EXPECT_FALSE(body.contains("temperature"));
}

TEST_F(ProvidersTest, GeminiGenerateContent) {
  Script({{"replies", {{{"content", "use vector loads"},
                        {"usage", {{"prompt", 100000}, {"completion", 10000}}}}}}});
  auto client = Client(Options());
  LlmRequest r = Request("gemini/gemini-2.5-pro", "ideas?");
  r.system = "Kernel expert.";
  r.temperature = 1.0;
  r.reasoning_effort = "medium";
  client->Submit(r);
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].text, "use vector loads");
  EXPECT_NEAR(out[0].record.cost_usd, (100000 * 1.25 + 10000 * 10.0) / 1e6, 1e-12);
  EXPECT_EQ(out[0].record.finish_reason, "STOP");

  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0]["path"], "/gemini/v1beta/models/gemini-2.5-pro:generateContent");
  EXPECT_EQ(reqs[0]["query"], "");  // the key travels in a header, not the URL
  EXPECT_EQ(reqs[0]["headers"]["x-goog-api-key"], kGeminiKey);
  json body = json::parse(reqs[0]["body"].get<std::string>());
  EXPECT_EQ(body["contents"][0]["role"], "user");
  EXPECT_EQ(body["contents"][0]["parts"][0]["text"], "ideas?");
  EXPECT_EQ(body["systemInstruction"]["parts"][0]["text"], "Kernel expert.");
  EXPECT_EQ(body["generationConfig"]["temperature"], 1.0);
  EXPECT_EQ(body["generationConfig"]["maxOutputTokens"], 8192);
  EXPECT_EQ(body["generationConfig"]["thinkingConfig"]["thinkingBudget"], 8192);
}

TEST_F(ProvidersTest, GoogleApiKeyServesGeminiWhenGeminiKeyIsUnset) {
  unsetenv("GEMINI_API_KEY");
  setenv("GOOGLE_API_KEY", kGeminiKey, 1);
  auto client = Client(Options());
  client->Submit(Request("gemini/gemini-2.5-flash", "hi"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].status.ok()) << out[0].status.ToString();
}

TEST_F(ProvidersTest, TogetherSpeaksOpenAiFormatWithItsOwnKey) {
  auto client = Client(Options());
  client->Submit(Request("together/meta-llama/Llama-3.3-70B-Instruct-Turbo", "one two three"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].text, "echo: one two three");
  EXPECT_EQ(out[0].record.provider, "together");
  // Default usage of the server: words in, words out.
  EXPECT_EQ(out[0].record.prompt_tokens, 3);
  EXPECT_EQ(out[0].record.completion_tokens, 4);
  EXPECT_NEAR(out[0].record.cost_usd, (3 * 0.88 + 4 * 0.88) / 1e6, 1e-15);

  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0]["path"], "/together/v1/chat/completions");
  EXPECT_EQ(reqs[0]["headers"]["authorization"], std::string("Bearer ") + kTogetherKey);
  json body = json::parse(reqs[0]["body"].get<std::string>());
  EXPECT_EQ(body["model"], "meta-llama/Llama-3.3-70B-Instruct-Turbo");
  EXPECT_EQ(body["max_tokens"], 8192);
  EXPECT_FALSE(body.contains("max_completion_tokens"));
}

TEST_F(ProvidersTest, NamedCompatibleServerWithoutKey) {
  // No key needed on /local; the server would answer 401 to a wrong one.
  auto client = Client(Options());
  client->Submit(Request("local/qwen2.5-coder:7b", "hello"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].record.provider, "local");
  EXPECT_FALSE(out[0].record.price_known);
  EXPECT_EQ(out[0].record.cost_usd, 0);
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0]["path"], "/local/v1/chat/completions");
  EXPECT_FALSE(reqs[0]["headers"].contains("authorization"));
  EXPECT_EQ(json::parse(reqs[0]["body"].get<std::string>())["model"], "qwen2.5-coder:7b");
}

TEST_F(ProvidersTest, NamedServerWithKeyVariable) {
  setenv("VLLM_TEST_KEY", "vllm-secret-key-0099887766", 1);
  Script({{"open_routes", json::array()},
          {"route_keys", {{"/vllm", "vllm-secret-key-0099887766"}}}});
  LlmOptions o = Options();
  ServerOptions s;
  s.base_url = server_->Url("/vllm/v1");
  s.api_key_env = "VLLM_TEST_KEY";
  o.servers["vllm"] = s;
  auto client = Client(o);
  client->Submit(Request("vllm/Qwen/Qwen2.5-Coder-32B-Instruct", "hi"));
  auto out = RunUntil(*client, 1);
  unsetenv("VLLM_TEST_KEY");
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(Requests()[0]["headers"]["authorization"], "Bearer vllm-secret-key-0099887766");
}

TEST_F(ProvidersTest, ReplyWithoutCodeBlockIsReturnedAsText) {
  // Code extraction is the search's job; the client passes the text on.
  Script({{"default", {{"content", "I would tile the loop, but here is no code."}}}});
  auto client = Client(Options());
  for (const char* m : {"openai/gpt-4o", "anthropic/claude-sonnet-4-20250514", "gemini/gemini-2.5-flash"}) {
    client->Submit(Request(m, "code please"));
  }
  auto out = RunUntil(*client, 3);
  ASSERT_EQ(out.size(), 3u);
  for (const auto& r : out) {
    EXPECT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(r.text, "I would tile the loop, but here is no code.");
  }
}

TEST_F(ProvidersTest, RefusalsEndWithoutText) {
  Script({{"default", {{"refusal", "I can't help with that."}}}});
  auto client = Client(Options());
  client->Submit(Request("openai/gpt-4o", "x", 1));
  client->Submit(Request("anthropic/claude-sonnet-4-5", "x", 2));
  client->Submit(Request("gemini/gemini-2.5-pro", "x", 3));
  auto out = RunUntil(*client, 3);
  ASSERT_EQ(out.size(), 3u);
  for (const auto& r : out) {
    EXPECT_FALSE(r.status.ok());
    EXPECT_EQ(r.record.status, LlmCallStatus::kRefused) << r.record.model;
    EXPECT_TRUE(r.text.empty());
    EXPECT_EQ(r.record.retries, 0);
    if (r.tag == 1) {
      EXPECT_NE(r.record.error.find("I can't help with that."), std::string::npos);
    }
    if (r.tag == 3) {
      EXPECT_EQ(r.record.finish_reason, "SAFETY");
    }
  }
  EXPECT_EQ(Requests().size(), 3u);  // refusals are not retried
}

TEST_F(ProvidersTest, GeminiBlockedPromptIsARefusal) {
  Script({{"default", {{"refusal", "blocked"}, {"refusal_style", "prompt"}}}});
  auto client = Client(Options());
  client->Submit(Request("gemini/gemini-2.5-pro", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kRefused);
  EXPECT_NE(out[0].record.error.find("prompt blocked"), std::string::npos);
}

TEST_F(ProvidersTest, EmptyReplyIsNotContent) {
  Script({{"default", {{"content", ""}, {"finish", "length"}}}});
  auto client = Client(Options());
  client->Submit(Request("openai/o3-mini", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].status.ok());
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kEmpty);
  EXPECT_EQ(out[0].record.finish_reason, "length");
  EXPECT_TRUE(out[0].text.empty());
}

TEST_F(ProvidersTest, TruncatedByMaxTokensKeepsTextAndSaysWhy) {
  Script({{"default", {{"content", "```c\nint partial"}, {"finish", "max_tokens"}}}});
  auto client = Client(Options());
  client->Submit(Request("anthropic/claude-haiku-4-5", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].status.ok());
  EXPECT_EQ(out[0].record.finish_reason, "max_tokens");
  EXPECT_EQ(out[0].text, "```c\nint partial");
}

TEST_F(ProvidersTest, UnknownModelIsRejectedByTheProviderWithoutRetry) {
  Script({{"known_models", {"gpt-4o"}}});
  auto client = Client(Options());
  client->Submit(Request("openai/gpt-9-turbo", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kRejected);
  EXPECT_EQ(out[0].record.http_status, 404);
  EXPECT_NE(out[0].record.error.find("model_not_found"), std::string::npos);
  EXPECT_EQ(Requests().size(), 1u);
}

TEST_F(ProvidersTest, UnparsableModelNameFailsWithoutNetwork) {
  auto client = Client(Options());
  client->Submit(Request("mystery/model", "x", 9));
  auto out = client->Poll(0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].tag, 9u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kRejected);
  EXPECT_NE(out[0].record.error.find("unknown provider 'mystery'"), std::string::npos);
  EXPECT_EQ(Requests().size(), 0u);
}

}  // namespace
}  // namespace autocomp::testing
