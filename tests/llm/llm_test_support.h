// tests/llm/llm_test_support.h
//
// LlmServerTest: a fixture that starts the scripted server, sets test keys
// in the environment, and builds LlmOptions whose providers all point at the
// server (routes /openai/v1, /anthropic, /gemini, /together/v1, and a
// keyless server "local" at /local/v1). Helpers run a client until n calls
// have finished.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "master/llm/llm_client.h"
#include "master/llm/llm_options.h"
#include "scripted_server.h"

namespace autocomp::testing {

inline constexpr const char* kOpenAiKey = "sk-test-openai-4f9a2c7e1b3d5f60";
inline constexpr const char* kAnthropicKey = "sk-ant-test-8e7d6c5b4a392817";
inline constexpr const char* kGeminiKey = "AIzaTestGemini0123456789abcdef";
inline constexpr const char* kTogetherKey = "tg-test-together-55aa66bb77cc";

class LlmServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Scripts the server; keys and the open route are added unless given.
  void Script(nlohmann::json setup);
  LlmOptions Options() const;
  std::unique_ptr<LlmClient> Client(const LlmOptions& options, LlmCache* cache = nullptr);
  static LlmRequest Request(const std::string& model, const std::string& prompt, uint64_t tag = 0);
  // Polls (5 ms at a time) until `n` responses arrived or `timeout_s` passed.
  static std::vector<LlmResponse> RunUntil(LlmClient& client, size_t n, double timeout_s = 60);
  // Requests the server logged, in arrival order.
  nlohmann::json Requests();

  std::unique_ptr<ScriptedServer> server_;
};

}  // namespace autocomp::testing
