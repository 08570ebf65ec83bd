// tests/llm/model_name_test.cc
#include "master/llm/model_name.h"

#include <gtest/gtest.h>

namespace autocomp {
namespace {

TEST(ModelNameTest, BuiltinProviders) {
  std::map<std::string, WireFormat> none;
  auto m = ParseModelName("openai/o3-mini", none);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->provider, "openai");
  EXPECT_EQ(m->model, "o3-mini");
  EXPECT_EQ(m->format, WireFormat::kOpenAi);
  EXPECT_FALSE(m->is_server);
  EXPECT_EQ(ParseModelName("anthropic/claude-sonnet-4-5", none)->format, WireFormat::kAnthropic);
  EXPECT_EQ(ParseModelName("gemini/gemini-2.5-pro", none)->format, WireFormat::kGemini);
  auto t = ParseModelName("together/meta-llama/Llama-3.3-70B-Instruct-Turbo", none);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->provider, "together");
  EXPECT_EQ(t->model, "meta-llama/Llama-3.3-70B-Instruct-Turbo");  // slashes kept
  EXPECT_EQ(t->format, WireFormat::kOpenAi);
}

TEST(ModelNameTest, NamedServers) {
  std::map<std::string, WireFormat> servers = {{"local", WireFormat::kOpenAi},
                                               {"proxy", WireFormat::kAnthropic}};
  auto m = ParseModelName("local/qwen2.5-coder:7b", servers);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->is_server);
  EXPECT_EQ(m->model, "qwen2.5-coder:7b");
  EXPECT_EQ(ParseModelName("proxy/claude", servers)->format, WireFormat::kAnthropic);
}

TEST(ModelNameTest, Errors) {
  std::map<std::string, WireFormat> none;
  for (const char* bad : {"o3-mini", "/o3-mini", "openai/", ""}) {
    auto m = ParseModelName(bad, none);
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_NE(m.status().message().find("must be written <provider>/<model>"), std::string::npos);
  }
  auto m = ParseModelName("local/qwen", none);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(),
            "model 'local/qwen': unknown provider 'local'; use openai, anthropic, gemini, "
            "together, or declare a server of that name in llm.servers");
  EXPECT_FALSE(ParseModelName("openai/gpt 4o", none).ok());
  EXPECT_FALSE(ParseModelName("openai/gpt-4o?x=1", none).ok());
}

}  // namespace
}  // namespace autocomp
