// tests/llm/llm_test_support.cc
#include "llm_test_support.h"

#include <chrono>
#include <cstdlib>

namespace autocomp::testing {

void LlmServerTest::SetUp() {
  // Loopback only: no proxy may stand between the client and the server.
  setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  setenv("no_proxy", "127.0.0.1,localhost", 1);
  setenv("OPENAI_API_KEY", kOpenAiKey, 1);
  setenv("ANTHROPIC_API_KEY", kAnthropicKey, 1);
  setenv("GEMINI_API_KEY", kGeminiKey, 1);
  setenv("TOGETHER_API_KEY", kTogetherKey, 1);
  unsetenv("GOOGLE_API_KEY");
  std::string error;
  server_ = ScriptedServer::Start(&error);
  ASSERT_TRUE(server_) << error;
  Script(nlohmann::json::object());
}

void LlmServerTest::TearDown() {
  server_.reset();
  for (const char* v : {"OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY",
                        "TOGETHER_API_KEY", "GOOGLE_API_KEY"}) {
    unsetenv(v);
  }
}

void LlmServerTest::Script(nlohmann::json setup) {
  if (!setup.contains("keys")) {
    setup["keys"] = {{"openai", kOpenAiKey}, {"anthropic", kAnthropicKey}, {"gemini", kGeminiKey}};
  }
  if (!setup.contains("route_keys")) setup["route_keys"] = {{"/together", kTogetherKey}};
  if (!setup.contains("open_routes")) setup["open_routes"] = {"/local"};
  server_->Setup(setup);
}

LlmOptions LlmServerTest::Options() const {
  LlmOptions o = DefaultLlmOptions();
  o.providers["openai"].base_url = server_->Url("/openai/v1");
  o.providers["anthropic"].base_url = server_->Url("/anthropic");
  o.providers["gemini"].base_url = server_->Url("/gemini");
  o.providers["together"].base_url = server_->Url("/together/v1");
  ServerOptions local;
  local.base_url = server_->Url("/local/v1");
  o.servers["local"] = local;
  o.timeout_s = 30;  // tests of timeouts set their own
  o.connect_timeout_s = 10;
  o.max_retries = 2;
  o.backoff_initial_s = 0.02;
  o.backoff_max_s = 0.2;
  o.retry_after_max_s = 5;
  o.jitter_seed = 42;
  return o;
}

std::unique_ptr<LlmClient> LlmServerTest::Client(const LlmOptions& options, LlmCache* cache) {
  auto client = LlmClient::Create(options, cache);
  EXPECT_TRUE(client.ok()) << client.status().ToString();
  return client.ok() ? std::move(client).value() : nullptr;
}

LlmRequest LlmServerTest::Request(const std::string& model, const std::string& prompt,
                                  uint64_t tag) {
  LlmRequest r;
  r.model = model;
  r.prompt = prompt;
  r.phase = "plan";
  r.tag = tag;
  return r;
}

std::vector<LlmResponse> LlmServerTest::RunUntil(LlmClient& client, size_t n, double timeout_s) {
  std::vector<LlmResponse> out;
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<int>(timeout_s * 1000));
  while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
    for (auto& r : client.Poll(5)) out.push_back(std::move(r));
  }
  return out;
}

nlohmann::json LlmServerTest::Requests() { return server_->Log()["requests"]; }

}  // namespace autocomp::testing
