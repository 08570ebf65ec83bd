// tests/llm/llm_client_retry_test.cc — retries, backoff, Retry-After,
// timeouts, broken replies and the rejected-parameter fallback, against the
// scripted server.
#include <gtest/gtest.h>

#include <chrono>

#include "llm_test_support.h"

namespace autocomp::testing {
namespace {

using nlohmann::json;

class RetryTest : public LlmServerTest {
 protected:
  // Seconds between the starts of request i-1 and i in the server's log.
  static double Gap(const json& reqs, size_t i) {
    return reqs[i]["t_start"].get<double>() - reqs[i - 1]["t_start"].get<double>();
  }
  static json Body(const json& req) { return json::parse(req["body"].get<std::string>()); }
};

TEST_F(RetryTest, RateLimitHonoursRetryAfterMs) {
  Script({{"replies", {{{"status", 429}, {"retry_after_ms", 400}}}}});
  auto client = Client(Options());
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].record.retries, 1);
  EXPECT_EQ(out[0].record.http_status, 200);
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_GE(Gap(reqs, 1), 0.39);  // backoff alone would be <= 0.02 s
  EXPECT_LT(Gap(reqs, 1), 3.0);
  EXPECT_GE(out[0].record.latency_s, 0.39);
}

TEST_F(RetryTest, RateLimitHonoursRetryAfterSeconds) {
  Script({{"replies", {{{"status", 429}, {"retry_after", "1"}}}}});
  auto client = Client(Options());
  client->Submit(Request("anthropic/claude-sonnet-4-5", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_GE(Gap(reqs, 1), 0.99);
  EXPECT_LT(Gap(reqs, 1), 4.0);
}

TEST_F(RetryTest, RetryAfterIsCappedByRetryAfterMax) {
  Script({{"replies", {{{"status", 503}, {"retry_after", "3600"}}}}});
  LlmOptions o = Options();
  o.retry_after_max_s = 0.2;
  auto client = Client(o);
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);  // an uncapped wait would be an hour
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].status.ok());
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_GE(Gap(reqs, 1), 0.19);
  EXPECT_LT(Gap(reqs, 1), 4.0);
}

TEST_F(RetryTest, GeminiRetryInfoInTheBodyIsAHint) {
  Script({{"replies", {{{"status", 429}, {"retry_delay", "0.4s"}}}}});
  auto client = Client(Options());
  client->Submit(Request("gemini/gemini-2.5-flash", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok());
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_GE(Gap(reqs, 1), 0.39);
}

TEST_F(RetryTest, ServerErrorsAndOverloadAreRetried) {
  Script({{"replies", {{{"status", 529}}, {{"status", 500}}}}});
  auto client = Client(Options());
  client->Submit(Request("anthropic/claude-3-5-haiku-20241022", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].record.retries, 2);
  EXPECT_EQ(Requests().size(), 3u);
}

TEST_F(RetryTest, BackoffGrowsExponentiallyWithJitter) {
  Script({{"replies", {{{"status", 500}, {"times", 3}}}}});
  LlmOptions o = Options();
  o.max_retries = 3;
  o.backoff_initial_s = 0.1;
  o.backoff_max_s = 10;
  auto client = Client(o);
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok());
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 4u);
  // Retry k waits 0.1 * 2^k * U[0.5, 1]. The lower bounds are exact; the
  // upper ones leave slack for a loaded machine (retry_policy_test checks
  // the arithmetic itself).
  for (size_t k = 0; k < 3; ++k) {
    double base = 0.1 * (1 << k);
    EXPECT_GE(Gap(reqs, k + 1), 0.5 * base - 0.005) << "retry " << k;
    EXPECT_LE(Gap(reqs, k + 1), base + 0.5) << "retry " << k;
  }
  EXPECT_GT(Gap(reqs, 3), Gap(reqs, 1));
}

TEST_F(RetryTest, BackoffIsCapped) {
  Script({{"replies", {{{"status", 502}, {"times", 2}}}}});
  LlmOptions o = Options();
  o.backoff_initial_s = 5;
  o.backoff_max_s = 0.05;
  auto client = Client(o);
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].status.ok());
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_LT(Gap(reqs, 2), 2.0);  // uncapped: 10 s * U[0.5, 1]
}

TEST_F(RetryTest, FailureAfterRetriesIsReportedWithoutContent) {
  Script({{"default", {{"status", 500}}}});
  auto client = Client(Options());  // max_retries 2
  client->Submit(Request("openai/gpt-4o", "x", 5));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  const LlmResponse& r = out[0];
  EXPECT_EQ(r.tag, 5u);
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.code(), StatusCode::kUnavailable);
  EXPECT_EQ(r.record.status, LlmCallStatus::kFailed);
  EXPECT_TRUE(r.text.empty());
  EXPECT_EQ(r.record.retries, 2);
  EXPECT_EQ(r.record.http_status, 500);
  EXPECT_EQ(r.record.cost_usd, 0);
  EXPECT_NE(r.record.error.find("after 2 retries: HTTP 500"), std::string::npos) << r.record.error;
  EXPECT_EQ(Requests().size(), 3u);
}

TEST_F(RetryTest, InsufficientQuotaIsNotRetried) {
  Script({{"default", {{"status", 429}, {"error_code", "insufficient_quota"},
                       {"message", "You exceeded your current quota"}}}});
  auto client = Client(Options());
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kRejected);
  EXPECT_NE(out[0].record.error.find("insufficient_quota"), std::string::npos);
  EXPECT_EQ(Requests().size(), 1u);
}

TEST_F(RetryTest, HangingRequestTimesOutAndIsRetried) {
  Script({{"replies", {{{"hang", true}}}}});
  LlmOptions o = Options();
  o.timeout_s = 1.0;
  auto client = Client(o);
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].record.retries, 1);
  EXPECT_GE(out[0].record.latency_s, 1.0);
  EXPECT_EQ(Requests().size(), 2u);
}

TEST_F(RetryTest, TimeoutAfterRetriesEndsAsTimeout) {
  Script({{"default", {{"hang", true}}}});
  LlmOptions o = Options();
  o.timeout_s = 0.3;
  o.max_retries = 1;
  auto client = Client(o);
  auto t0 = std::chrono::steady_clock::now();
  client->Submit(Request("gemini/gemini-2.5-pro", "x"));
  auto out = RunUntil(*client, 1);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kTimeout);
  EXPECT_EQ(out[0].status.code(), StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(out[0].text.empty());
  EXPECT_NE(out[0].record.error.find("llm.timeout_s"), std::string::npos) << out[0].record.error;
  EXPECT_GE(took, 0.6);
  EXPECT_LT(took, 10.0);
  EXPECT_EQ(Requests().size(), 2u);
  server_->Release();
}

TEST_F(RetryTest, TruncatedBodyIsRetried) {
  Script({{"replies", {{{"truncate", true}}}}});
  auto client = Client(Options());
  client->Submit(Request("anthropic/claude-sonnet-4-5", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].record.retries, 1);
  EXPECT_EQ(out[0].text, "echo: x");
}

TEST_F(RetryTest, InvalidJsonIsRetriedThenFails) {
  Script({{"default", {{"invalid_json", true}}}});
  auto client = Client(Options());
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kFailed);
  EXPECT_TRUE(out[0].text.empty());
  EXPECT_NE(out[0].record.error.find("malformed reply"), std::string::npos) << out[0].record.error;
  EXPECT_EQ(Requests().size(), 3u);
}

TEST_F(RetryTest, ConnectionRefusedIsRetriedThenFails) {
  LlmOptions o = Options();
  o.providers["openai"].base_url = "http://127.0.0.1:9/v1";  // the discard port; nothing listens
  auto client = Client(o);
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kFailed);
  EXPECT_EQ(out[0].record.retries, 2);
  EXPECT_NE(out[0].record.error.find("transport error"), std::string::npos) << out[0].record.error;
}

TEST_F(RetryTest, RejectedTemperatureIsDroppedForThatModelAndRetriedOnce) {
  Script({{"models", {{"o3-mini", {{"reject", {"temperature"}}}}}}});
  auto client = Client(Options());
  LlmRequest r = Request("openai/o3-mini", "first");
  r.temperature = 0.7;
  client->Submit(r);
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].record.retries, 1);
  EXPECT_EQ(out[0].record.dropped_params, "temperature");
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0]["status"], 400);
  EXPECT_TRUE(Body(reqs[0]).contains("temperature"));
  EXPECT_FALSE(Body(reqs[1]).contains("temperature"));

  // Remembered: the next call to o3-mini goes out without it at once, while
  // another model still gets its temperature.
  r.prompt = "second";
  client->Submit(r);
  LlmRequest other = Request("openai/gpt-4o", "third");
  other.temperature = 0.7;
  client->Submit(other);
  out = RunUntil(*client, 2);
  ASSERT_EQ(out.size(), 2u);
  for (const auto& resp : out) {
    EXPECT_TRUE(resp.status.ok());
    EXPECT_EQ(resp.record.retries, 0);
  }
  reqs = Requests();
  ASSERT_EQ(reqs.size(), 4u);
  for (size_t i = 2; i < 4; ++i) {
    json body = Body(reqs[i]);
    EXPECT_EQ(body.contains("temperature"), body["model"] == "gpt-4o") << body.dump();
  }
}

TEST_F(RetryTest, OutOfRangeTemperatureForAnthropicIsDropped) {
  auto client = Client(Options());
  LlmRequest r = Request("anthropic/claude-sonnet-4-5", "x");
  r.temperature = 1.5;  // Anthropic accepts 0..1
  client->Submit(r);
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].record.dropped_params, "temperature");
  EXPECT_EQ(Requests().size(), 2u);
}

TEST_F(RetryTest, RejectedSystemMessageIsFoldedIntoThePrompt) {
  Script({{"models", {{"o1-mini", {{"reject", {"system"}}}}}}});
  auto client = Client(Options());
  LlmRequest r = Request("openai/o1-mini", "the task");
  r.system = "the rules";
  client->Submit(r);
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].text, "echo: the rules\n\nthe task");
  EXPECT_EQ(out[0].record.dropped_params, "system_role");
}

TEST_F(RetryTest, RejectedThinkingConfigIsDroppedForGemini) {
  Script({{"models", {{"gemini-2.0-flash", {{"reject", {"thinking"}}}}}}});
  auto client = Client(Options());
  LlmRequest r = Request("gemini/gemini-2.0-flash", "x");
  r.reasoning_effort = "high";
  client->Submit(r);
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  EXPECT_EQ(out[0].record.dropped_params, "reasoning_effort");
  json reqs = Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_FALSE(Body(reqs[1])["generationConfig"].contains("thinkingConfig"));
}

TEST_F(RetryTest, AParameterIsDroppedOnlyOnce) {
  // A 400 that blames a parameter no longer sent ends the call.
  Script({{"models", {{"o3-mini", {{"reject", {"temperature"}}}}}},
          {"replies", {{{"match", {{"model", "o3-mini"}}},
                        {"status", 400},
                        {"message", "Unsupported parameter: 'temperature' is not supported."}}}}});
  auto client = Client(Options());
  LlmRequest r = Request("openai/o3-mini", "x");
  r.temperature = 0.3;
  client->Submit(r);
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kRejected);
  EXPECT_EQ(out[0].record.http_status, 400);
  // First attempt: the model rule rejects temperature → dropped; second
  // attempt (without it): the scripted 400 → not retried again.
  EXPECT_EQ(Requests().size(), 2u);
}

}  // namespace
}  // namespace autocomp::testing
