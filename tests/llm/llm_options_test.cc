// tests/llm/llm_options_test.cc — the "llm" config object: defaults, a full
// example, and one test per error message.
#include "master/llm/llm_options.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace autocomp {
namespace {

using nlohmann::json;

std::string ErrorOf(const json& llm, const std::vector<std::string>& models = {}) {
  auto o = ParseLlmOptions(llm, "config.json", models);
  return o.ok() ? "(ok)" : o.status().message();
}

TEST(LlmOptionsTest, EmptySectionGivesDefaults) {
  auto o = ParseLlmOptions(json::object(), "/etc/autocomp/config.json", {});
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->models.empty());
  EXPECT_EQ(o->providers.at("openai").base_url, "https://api.openai.com/v1");
  EXPECT_EQ(o->providers.at("anthropic").base_url, "https://api.anthropic.com");
  EXPECT_EQ(o->providers.at("gemini").base_url, "https://generativelanguage.googleapis.com");
  EXPECT_EQ(o->providers.at("together").base_url, "https://api.together.xyz/v1");
  EXPECT_EQ(o->providers.at("openai").max_concurrency, 8);
  EXPECT_EQ(o->defaults.max_tokens, 8192);
  EXPECT_FALSE(o->defaults.temperature);
  EXPECT_EQ(o->timeout_s, 600);
  EXPECT_EQ(o->max_retries, 5);
  EXPECT_FALSE(o->max_cost_usd);
  EXPECT_FALSE(o->max_llm_calls);
}

TEST(LlmOptionsTest, FullExample) {
  json llm = json::parse(R"({
    "weights": {"openai/o3-mini": 2},
    "providers": {"openai": {"max_concurrency": 16},
                  "anthropic": {"base_url": "http://proxy:8080/", "max_concurrency": 4}},
    "servers": {"local": {"base_url": "http://gpu01:8000/v1", "max_concurrency": 32},
                "claude-proxy": {"base_url": "https://p.example/anthropic", "format": "anthropic",
                                 "api_key_env": "PROXY_KEY"}},
    "temperature": 0.7, "max_tokens": 16000, "reasoning_effort": "high",
    "model_params": {"anthropic/claude-sonnet-4-5": {"temperature": 1.0, "max_tokens": 8192}},
    "timeout_s": 300, "connect_timeout_s": 10, "max_retries": 3,
    "backoff_initial_s": 0.5, "backoff_max_s": 30, "retry_after_max_s": 120,
    "key_file": "secrets/keys.env", "prices_file": "/opt/prices.json",
    "max_cost_usd": 25.5, "max_llm_calls": 2000
  })");
  auto o = ParseLlmOptions(llm, "/home/me/runs/config.json",
                           {"openai/o3-mini", "anthropic/claude-sonnet-4-5", "local/qwen2.5-coder:32b"});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->models.size(), 3u);
  EXPECT_EQ(o->weights.at("openai/o3-mini"), 2);
  EXPECT_EQ(o->providers.at("openai").max_concurrency, 16);
  EXPECT_EQ(o->providers.at("openai").base_url, "https://api.openai.com/v1");  // default kept
  EXPECT_EQ(o->servers.at("claude-proxy").format, WireFormat::kAnthropic);
  EXPECT_EQ(o->servers.at("claude-proxy").api_key_env, "PROXY_KEY");
  EXPECT_EQ(o->servers.at("local").max_concurrency, 32);
  EXPECT_EQ(o->key_file, "/home/me/runs/secrets/keys.env");  // relative to the config
  EXPECT_EQ(o->prices_file, "/opt/prices.json");
  EXPECT_EQ(*o->max_cost_usd, 25.5);
  EXPECT_EQ(*o->max_llm_calls, 2000);

  ModelParams sonnet = o->ParamsFor("anthropic/claude-sonnet-4-5");
  EXPECT_EQ(*sonnet.temperature, 1.0);
  EXPECT_EQ(*sonnet.max_tokens, 8192);
  EXPECT_EQ(*sonnet.reasoning_effort, "high");  // from the defaults
  ModelParams o3 = o->ParamsFor("openai/o3-mini");
  EXPECT_EQ(*o3.temperature, 0.7);
  EXPECT_EQ(*o3.max_tokens, 16000);

  ModelName anth = *ParseModelName("anthropic/claude-sonnet-4-5", o->ServerFormats());
  EXPECT_EQ(o->BaseUrlFor(anth), "http://proxy:8080");  // trailing '/' removed
  EXPECT_EQ(o->MaxConcurrencyFor("local"), 32);
}

TEST(LlmOptionsTest, HomeRelativePaths) {
  setenv("HOME", "/home/tester", 1);
  auto o = ParseLlmOptions({{"key_file", "~/.config/autocomp/keys.env"}}, "/runs/c.json", {});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->key_file, "/home/tester/.config/autocomp/keys.env");
}

TEST(LlmOptionsTest, ErrorsNameTheKey) {
  // Worded as every config error is (common/config_reader.h): "<file>: <key path>: <what>".
  EXPECT_EQ(ErrorOf({{"timeout_s", "60"}}), "config.json: llm.timeout_s: must be a number from 0.001 to 86400");
  EXPECT_EQ(ErrorOf({{"timeout_s", 0}}), "config.json: llm.timeout_s: must be a number from 0.001 to 86400");
  EXPECT_EQ(ErrorOf({{"max_retries", 1.5}}), "config.json: llm.max_retries: must be an integer from 0 to 1000000000");
  EXPECT_EQ(ErrorOf({{"max_retries", -1}}), "config.json: llm.max_retries: must be an integer from 0 to 1000000000");
  EXPECT_EQ(ErrorOf({{"temprature", 0.5}}).rfind("config.json: llm.temprature: unknown key (known: ", 0), 0u);
  EXPECT_EQ(ErrorOf({{"temperature", 3}}), "config.json: llm.temperature: must be a number from 0 to 2");
  EXPECT_EQ(ErrorOf({{"reasoning_effort", "extreme"}}),
            "config.json: llm.reasoning_effort: must be one of \"none\", \"minimal\", \"low\", \"medium\", \"high\", "
            "not \"extreme\"");
  EXPECT_EQ(ErrorOf({{"max_tokens", 0}}), "config.json: llm.max_tokens: must be an integer from 1 to 1000000000");
  EXPECT_EQ(ErrorOf({{"key_file", 5}}), "config.json: llm.key_file: must be a string");
  EXPECT_EQ(ErrorOf({{"max_llm_calls", "many"}}), "config.json: llm.max_llm_calls: must be an integer >= 0");
  EXPECT_EQ(ErrorOf({{"max_cost_usd", -1}}), "config.json: llm.max_cost_usd: must be a number from 0 to 1e+12");
  EXPECT_EQ(ErrorOf(json::array()), "config.json: llm: must be an object");
}

TEST(LlmOptionsTest, ProvidersAndServersErrors) {
  EXPECT_EQ(ErrorOf({{"providers", {{"openai", {{"max_concurrency", 0}}}}}}),
            "config.json: llm.providers.openai.max_concurrency: must be an integer from 1 to 1000000000");
  EXPECT_EQ(ErrorOf({{"providers", {{"openai", {{"max_concurrency", "8"}}}}}}),
            "config.json: llm.providers.openai.max_concurrency: must be an integer from 1 to 1000000000");
  EXPECT_EQ(ErrorOf({{"providers", {{"mistral", json::object()}}}}),
            "config.json: llm.providers.mistral: unknown key (known: anthropic, gemini, openai, together)");
  EXPECT_EQ(ErrorOf({{"providers", {{"openai", {{"base_url", "api.openai.com"}}}}}}),
            "config.json: llm.providers.openai.base_url: must start with http:// or https:// (got 'api.openai.com')");
  EXPECT_EQ(ErrorOf({{"servers", {{"local", {{"max_concurrency", 2}}}}}}),
            "config.json: llm.servers.local.base_url: is required");
  EXPECT_EQ(ErrorOf({{"servers", {{"openai", {{"base_url", "http://x/v1"}}}}}}),
            "config.json: llm.servers.openai: reuses a built-in provider name; pick another server name");
  EXPECT_EQ(ErrorOf({{"servers", {{"local", {{"base_url", "http://x/v1"}, {"format", "cohere"}}}}}}),
            "config.json: llm.servers.local.format: must be one of \"anthropic\", \"gemini\", \"openai\", not \"cohere\"");
  EXPECT_EQ(ErrorOf({{"servers", {{"local", {{"base_url", "http://x/v1"}, {"url", "y"}}}}}}).rfind(
                "config.json: llm.servers.local.url: unknown key (known: ", 0), 0u);
}

TEST(LlmOptionsTest, ModelErrors) {
  EXPECT_EQ(ErrorOf(json::object(), {"o3-mini"}).rfind(
                "config.json: models[0]: model 'o3-mini' must be written <provider>/<model>", 0), 0u);
  EXPECT_EQ(ErrorOf(json::object(), {"local/qwen"}).rfind(
                "config.json: models[0]: model 'local/qwen': unknown provider 'local'", 0), 0u);
  EXPECT_EQ(ErrorOf(json::object(), {"openai/o3-mini", "openai/o3-mini"}),
            "config.json: models[1]: repeats 'openai/o3-mini'; use llm.weights instead");
  EXPECT_EQ(ErrorOf({{"weights", {{"openai/gpt-4o", 1}}}}, {"openai/o3-mini"}),
            "config.json: llm.weights.openai/gpt-4o: names a model that is not in the top-level \"models\"");
  EXPECT_EQ(ErrorOf({{"weights", {{"openai/o3-mini", -1}}}}, {"openai/o3-mini"}),
            "config.json: llm.weights.openai/o3-mini: must be a number >= 0");
  EXPECT_EQ(ErrorOf({{"weights", {{"openai/o3-mini", 2}}}}, {"openai/o3-mini"}), "(ok)")
      << "weights name models of the top-level ensemble";
  EXPECT_EQ(ErrorOf({{"model_params", {{"openai/o3-mini", {{"top_p", 0.9}}}}}}).rfind(
                "config.json: llm.model_params.openai/o3-mini.top_p: unknown key (known: ", 0), 0u);
  EXPECT_EQ(ErrorOf({{"model_params", {{"openai/o3-mini", {{"max_tokens", "lots"}}}}}}),
            "config.json: llm.model_params.openai/o3-mini.max_tokens: must be an integer from 1 to 1000000000");
  EXPECT_EQ(ErrorOf({{"models", {"openai/o3-mini"}}}).rfind("config.json: llm.models: unknown key", 0), 0u)
      << "the ensemble is the top-level \"models\"";
  // Servers are known before models are checked, whatever the key order.
  EXPECT_EQ(ErrorOf({{"servers", {{"local", {{"base_url", "http://h:1/v1"}}}}}}, {"local/qwen"}), "(ok)");
}

}  // namespace
}  // namespace autocomp
