// tests/llm/api_keys_test.cc — key lookup order and key-file parsing.
#include "master/llm/api_keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace autocomp {
namespace {

std::string WriteKeyFile(const std::string& name, const std::string& text, mode_t mode) {
  std::string path = ::testing::TempDir() + "/" + name;
  {
    std::ofstream f(path);
    f << text;
  }
  chmod(path.c_str(), mode);
  return path;
}

ModelName Name(const std::string& full, const LlmOptions& o) {
  return *ParseModelName(full, o.ServerFormats());
}

TEST(ApiKeysTest, EnvironmentAndFileLookup) {
  LlmOptions o = DefaultLlmOptions();
  setenv("ANTHROPIC_API_KEY", "ant-from-env-123456", 1);
  std::string path = WriteKeyFile("keys_a", "OPENAI_API_KEY = 'sk-from-file-123456'\n"
                                            "ANTHROPIC_API_KEY=ant-from-file-123456\n", 0600);
  auto keys = ApiKeys::Load(path);
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  EXPECT_EQ(**keys->KeyFor(Name("openai/gpt-4o", o), o), "sk-from-file-123456");
  EXPECT_EQ(**keys->KeyFor(Name("anthropic/claude-sonnet-4-5", o), o), "ant-from-file-123456");
  unsetenv("ANTHROPIC_API_KEY");
  std::remove(path.c_str());
}

TEST(ApiKeysTest, GeminiPrefersGeminiKeyOverGoogleKey) {
  LlmOptions o = DefaultLlmOptions();
  setenv("GEMINI_API_KEY", "gem-key-1234567890", 1);
  setenv("GOOGLE_API_KEY", "goo-key-1234567890", 1);
  auto keys = ApiKeys::Load("");
  EXPECT_EQ(**keys->KeyFor(Name("gemini/gemini-2.5-pro", o), o), "gem-key-1234567890");
  unsetenv("GEMINI_API_KEY");
  EXPECT_EQ(**keys->KeyFor(Name("gemini/gemini-2.5-pro", o), o), "goo-key-1234567890");
  unsetenv("GOOGLE_API_KEY");
  auto missing = keys->KeyFor(Name("gemini/gemini-2.5-pro", o), o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            "model gemini/gemini-2.5-pro needs an API key: set GEMINI_API_KEY or GOOGLE_API_KEY "
            "(or name a key file in llm.key_file)");
}

TEST(ApiKeysTest, KeylessServerNeedsNothing) {
  LlmOptions o = DefaultLlmOptions();
  o.servers["local"] = ServerOptions{"http://127.0.0.1:8000/v1", WireFormat::kOpenAi, "", 4};
  auto keys = ApiKeys::Load("");
  auto key = keys->KeyFor(Name("local/qwen", o), o);
  ASSERT_TRUE(key.ok());
  EXPECT_FALSE(key->has_value());
}

TEST(ApiKeysTest, MalformedLineIsNamedByNumberNotValue) {
  std::string path = WriteKeyFile("keys_bad", "# ok\nOPENAI_API_KEY=sk-1234567890\nthis-is-secret\n", 0600);
  auto keys = ApiKeys::Load(path);
  ASSERT_FALSE(keys.ok());
  EXPECT_NE(keys.status().message().find("line 3 is not NAME=value"), std::string::npos);
  EXPECT_EQ(keys.status().message().find("this-is-secret"), std::string::npos);
  std::remove(path.c_str());
}

TEST(ApiKeysTest, PermissionsAreChecked) {
  std::string path = WriteKeyFile("keys_perm", "OPENAI_API_KEY=sk-1234567890\n", 0600);
  EXPECT_TRUE(ApiKeys::Load(path).ok());
  chmod(path.c_str(), 0400);
  EXPECT_TRUE(ApiKeys::Load(path).ok());
  chmod(path.c_str(), 0644);
  auto k = ApiKeys::Load(path);
  ASSERT_FALSE(k.ok());
  EXPECT_EQ(k.status().message(), "key file " + path + " has mode 0644: group or others can " +
                                      "access it; run chmod 600 " + path);
  chmod(path.c_str(), 0620);
  EXPECT_FALSE(ApiKeys::Load(path).ok());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace autocomp
