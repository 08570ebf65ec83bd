// tests/llm/llm_client_concurrency_test.cc — many calls at once: the
// per-provider limit, Poll's bound on blocking, budget, cache, replay and
// cancellation, against the scripted server.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "llm_test_support.h"

namespace autocomp::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

class ConcurrencyTest : public LlmServerTest {};

TEST_F(ConcurrencyTest, LimitPerProviderIsRespectedAndReached) {
  Script({{"default", {{"delay_ms", 200}}}});
  LlmOptions o = Options();
  o.providers["openai"].max_concurrency = 2;
  o.providers["anthropic"].max_concurrency = 3;
  auto client = Client(o);
  for (int i = 0; i < 6; ++i) {
    client->Submit(Request("openai/gpt-4o", "openai prompt " + std::to_string(i), i));
    client->Submit(Request("anthropic/claude-sonnet-4-5", "anthropic prompt " + std::to_string(i), 100 + i));
  }
  EXPECT_EQ(client->in_flight(), 12u);
  auto t0 = Clock::now();
  auto out = RunUntil(*client, 12);
  double took = std::chrono::duration<double>(Clock::now() - t0).count();
  ASSERT_EQ(out.size(), 12u);
  std::set<uint64_t> tags;
  for (const auto& r : out) {
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    // Each reply reaches the request that asked for it.
    std::string expected = r.tag < 100 ? "echo: openai prompt " + std::to_string(r.tag)
                                       : "echo: anthropic prompt " + std::to_string(r.tag - 100);
    EXPECT_EQ(r.text, expected);
    tags.insert(r.tag);
  }
  EXPECT_EQ(tags.size(), 12u);
  EXPECT_EQ(client->in_flight(), 0u);
  json max = server_->Log()["max_concurrent"];
  EXPECT_EQ(max["/openai/v1"], 2);
  EXPECT_EQ(max["/anthropic"], 3);
  // 6 calls of 0.2 s, 2 at a time, take at least 0.6 s (that at most 2
  // ran at once and that 2 did is the server's count above).
  EXPECT_GE(took, 0.59);
}

TEST_F(ConcurrencyTest, PollNeverBlocksLongerThanItsMaxWait) {
  // In flight: hanging transfers, a call waiting out a Retry-After, a slow one.
  Script({{"replies", {{{"hang", true}, {"times", 2}},
                       {{"match", {{"format", "anthropic"}}}, {"status", 429}, {"retry_after", "2"}}}},
          {"default", {{"delay_ms", 1000}}}});
  auto client = Client(Options());
  client->Submit(Request("openai/gpt-4o", "a"));
  client->Submit(Request("openai/gpt-4o", "b"));
  client->Submit(Request("anthropic/claude-sonnet-4-5", "c"));
  client->Submit(Request("gemini/gemini-2.5-flash", "d"));
  std::vector<double> took_0, took_5;
  size_t done = 0;
  auto end = Clock::now() + std::chrono::seconds(20);
  while (done < 2 && Clock::now() < end) {
    auto t = Clock::now();
    done += client->Poll(0).size();
    took_0.push_back(std::chrono::duration<double>(Clock::now() - t).count());
    t = Clock::now();
    done += client->Poll(5).size();
    took_5.push_back(std::chrono::duration<double>(Clock::now() - t).count());
  }
  EXPECT_EQ(done, 2u);  // gemini after 1 s, anthropic after its 2 s Retry-After
  // Blocking on a transfer or sleeping out a backoff would make most polls
  // take 1-2 s. Percentiles, not the maximum: a loaded 2-core machine may
  // deschedule this process for a while at any point.
  ASSERT_GT(took_5.size(), 100u);
  std::sort(took_0.begin(), took_0.end());
  std::sort(took_5.begin(), took_5.end());
  EXPECT_LT(took_0[took_0.size() / 2], 0.002);
  EXPECT_LT(took_5[took_5.size() / 2], 0.010);
  EXPECT_LT(took_0[took_0.size() * 95 / 100], 0.05);
  EXPECT_LT(took_5[took_5.size() * 95 / 100], 0.05);
  client->CancelAll();
  server_->Release();
}

TEST_F(ConcurrencyTest, MaxLlmCallsStopsNewCallsAndLetsInFlightFinish) {
  Script({{"default", {{"delay_ms", 100}}}});
  LlmOptions o = Options();
  o.providers["openai"].max_concurrency = 2;
  o.max_llm_calls = 3;
  auto client = Client(o);
  for (int i = 0; i < 5; ++i) client->Submit(Request("openai/gpt-4o", "p" + std::to_string(i), i));
  auto out = RunUntil(*client, 5);
  ASSERT_EQ(out.size(), 5u);
  int ok = 0, budget = 0;
  for (const auto& r : out) {
    if (r.record.status == LlmCallStatus::kOk) ++ok;
    if (r.record.status == LlmCallStatus::kBudget) {
      ++budget;
      EXPECT_TRUE(r.text.empty());
      EXPECT_NE(r.record.error.find("llm.max_llm_calls"), std::string::npos);
    }
  }
  EXPECT_EQ(ok, 3);
  EXPECT_EQ(budget, 2);
  EXPECT_TRUE(client->budget().exhausted());
  EXPECT_NE(client->budget().reason().find("max_llm_calls reached: 3 calls of 3"), std::string::npos)
      << client->budget().reason();
  EXPECT_EQ(Requests().size(), 3u);
}

TEST_F(ConcurrencyTest, MaxCostStopsAfterTheMoneyIsSpent) {
  // Each call: 1M prompt tokens of gpt-4o = $2.50.
  Script({{"default", {{"usage", {{"prompt", 1000000}, {"completion", 0}}}, {"delay_ms", 50}}}});
  LlmOptions o = Options();
  o.providers["openai"].max_concurrency = 1;
  o.max_cost_usd = 4.0;
  auto client = Client(o);
  for (int i = 0; i < 4; ++i) client->Submit(Request("openai/gpt-4o", "p" + std::to_string(i), i));
  auto out = RunUntil(*client, 4);
  ASSERT_EQ(out.size(), 4u);
  int ok = 0;
  for (const auto& r : out) ok += r.record.status == LlmCallStatus::kOk;
  EXPECT_EQ(ok, 2);  // $2.50, then $5.00 >= $4.00: the rest are not sent
  EXPECT_NEAR(client->budget().spent_usd(), 5.0, 1e-9);
  EXPECT_NE(client->budget().reason().find("max_cost_usd reached: spent $5.0000 of $4.00"),
            std::string::npos) << client->budget().reason();
  EXPECT_EQ(Requests().size(), 2u);
}

TEST_F(ConcurrencyTest, CachedReplyCostsNothingAndSendsNothing) {
  MemoryLlmCache cache;
  LlmOptions o = Options();
  auto client = Client(o, &cache);
  LlmRequest r = Request("openai/o3-mini", "cached prompt", 11);
  r.phase = "implement";
  auto hash = client->HashOf(r);
  ASSERT_TRUE(hash.ok());
  CachedLlmReply reply;
  reply.text = "recorded answer";
  reply.record.prompt_tokens = 10;
  reply.record.completion_tokens = 20;
  reply.record.cost_usd = 0.5;
  reply.record.phase = "plan";
  cache.Insert(*hash, reply);

  client->Submit(r);
  auto out = client->Poll(0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].status.ok());
  EXPECT_EQ(out[0].tag, 11u);
  EXPECT_EQ(out[0].text, "recorded answer");
  EXPECT_TRUE(out[0].record.cached);
  EXPECT_EQ(out[0].record.cost_usd, 0);
  EXPECT_EQ(out[0].record.phase, "implement");
  EXPECT_EQ(out[0].record.request_hash, *hash);
  EXPECT_EQ(out[0].record.prompt_tokens, 10);
  EXPECT_EQ(client->budget().calls_started(), 0);

  // Another sample of the same prompt is another request: it goes out.
  r.sample = 1;
  client->Submit(r);
  out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].record.cached);
  EXPECT_NE(out[0].record.request_hash, *hash);
  EXPECT_EQ(Requests().size(), 1u);
}

TEST_F(ConcurrencyTest, ReplayOnlyNeverTouchesTheNetwork) {
  MemoryLlmCache cache;
  LlmOptions o = Options();
  o.replay_only = true;
  unsetenv("OPENAI_API_KEY");  // replay needs no key
  auto client = Client(o, &cache);
  LlmRequest hit = Request("openai/o3-mini", "recorded", 1);
  cache.Insert(*client->HashOf(hit), CachedLlmReply{"old answer", {}});
  client->Submit(hit);
  client->Submit(Request("openai/o3-mini", "never asked", 2));
  auto out = client->Poll(0);
  ASSERT_EQ(out.size(), 2u);
  for (const auto& r : out) {
    if (r.tag == 1) {
      EXPECT_EQ(r.text, "old answer");
    } else {
      EXPECT_EQ(r.record.status, LlmCallStatus::kUncached);
      EXPECT_EQ(r.status.code(), StatusCode::kNotFound);
      EXPECT_TRUE(r.text.empty());
    }
  }
  EXPECT_EQ(Requests().size(), 0u);
}

TEST_F(ConcurrencyTest, CancelAllEndsEverything) {
  Script({{"default", {{"hang", true}}}});
  LlmOptions o = Options();
  o.providers["openai"].max_concurrency = 1;
  auto client = Client(o);
  for (int i = 0; i < 3; ++i) client->Submit(Request("openai/gpt-4o", "p", i));
  client->Poll(50);
  client->CancelAll();
  auto out = client->Poll(0);
  ASSERT_EQ(out.size(), 3u);
  for (const auto& r : out) {
    EXPECT_EQ(r.record.status, LlmCallStatus::kCancelled);
    EXPECT_TRUE(r.text.empty());
  }
  EXPECT_EQ(client->in_flight(), 0u);
  server_->Release();
}

TEST_F(ConcurrencyTest, RequestHashIgnoresKeysAndPhaseButNotContent) {
  auto client = Client(Options());
  LlmRequest a = Request("openai/o3-mini", "same");
  auto h1 = client->HashOf(a);
  setenv("OPENAI_API_KEY", "sk-another-key-entirely-000000", 1);
  auto client2 = Client(Options());
  a.phase = "implement";
  auto h2 = client2->HashOf(a);
  ASSERT_TRUE(h1.ok() && h2.ok());
  EXPECT_EQ(*h1, *h2);
  LlmRequest b = a;
  b.prompt = "other";
  EXPECT_NE(*client->HashOf(b), *h1);
  b = a;
  b.temperature = 0.2;
  EXPECT_NE(*client->HashOf(b), *h1);
  b = a;
  b.model = "openai/gpt-4o";
  EXPECT_NE(*client->HashOf(b), *h1);
  // Config defaults count as if written in the request.
  b = a;
  b.max_tokens = 8192;
  EXPECT_EQ(*client->HashOf(b), *h1);
}

}  // namespace
}  // namespace autocomp::testing
