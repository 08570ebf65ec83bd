// tests/llm/llm_client_secrets_test.cc — keys: missing ones are named, key
// files are permission-checked, and no key reaches a record, an error text,
// a log line, a URL or a request body.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "llm_test_support.h"
#include "master/llm/api_keys.h"

namespace autocomp::testing {
namespace {

using nlohmann::json;

const char* const kAllKeys[] = {kOpenAiKey, kAnthropicKey, kGeminiKey, kTogetherKey};

std::string RecordText(const LlmResponse& r) {
  const LlmCallRecord& c = r.record;
  return r.status.ToString() + "|" + r.text + "|" + c.provider + "|" + c.model + "|" + c.phase +
         "|" + c.request_hash + "|" + c.finish_reason + "|" + c.dropped_params + "|" + c.error;
}

class SecretsTest : public LlmServerTest {
 protected:
  void SetUp() override {
    LlmServerTest::SetUp();
    sink_ = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    logger_ = std::make_shared<spdlog::logger>("capture", sink_);
    logger_->set_level(spdlog::level::trace);
    previous_ = spdlog::default_logger();
    spdlog::set_default_logger(logger_);
  }
  void TearDown() override {
    spdlog::set_default_logger(previous_);
    LlmServerTest::TearDown();
  }
  std::ostringstream log_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
  std::shared_ptr<spdlog::logger> logger_, previous_;
};

TEST_F(SecretsTest, MissingKeyIsNamedAtStartAndPerCall) {
  unsetenv("OPENAI_API_KEY");
  LlmOptions o = Options();
  Status s = CheckKeys({"anthropic/claude-sonnet-4-5", "openai/o3-mini"}, o);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("model openai/o3-mini needs an API key: set OPENAI_API_KEY"),
            std::string::npos) << s.message();

  unsetenv("GEMINI_API_KEY");
  s = CheckKeys({"gemini/gemini-2.5-pro"}, o);
  EXPECT_NE(s.message().find("set GEMINI_API_KEY or GOOGLE_API_KEY"), std::string::npos)
      << s.message();

  ServerOptions vllm;
  vllm.base_url = "http://127.0.0.1:1/v1";
  vllm.api_key_env = "MY_VLLM_KEY";
  o.servers["vllm"] = vllm;
  s = CheckKeys({"vllm/qwen"}, o);
  EXPECT_NE(s.message().find("set MY_VLLM_KEY"), std::string::npos) << s.message();
  EXPECT_TRUE(CheckKeys({"local/qwen", "anthropic/claude-sonnet-4-5"}, o).ok());

  auto client = Client(o);
  client->Submit(Request("openai/o3-mini", "x"));
  auto out = client->Poll(0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kRejected);
  EXPECT_NE(out[0].record.error.find("OPENAI_API_KEY"), std::string::npos);
  EXPECT_EQ(Requests().size(), 0u);
}

TEST_F(SecretsTest, KeyFileIsReadAndWinsOverTheEnvironment) {
  std::string path = ::testing::TempDir() + "/llm_keys_ok";
  {
    std::ofstream f(path);
    f << "# keys for the test\n\nexport OPENAI_API_KEY=\"" << kOpenAiKey << "\"\n";
  }
  chmod(path.c_str(), 0600);
  setenv("OPENAI_API_KEY", "sk-env-value-that-must-lose-1234", 1);
  LlmOptions o = Options();
  o.key_file = path;
  auto client = Client(o);
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].status.ok()) << out[0].status.ToString();
  std::remove(path.c_str());
}

TEST_F(SecretsTest, KeyFileReadableByOthersIsRefused) {
  std::string path = ::testing::TempDir() + "/llm_keys_open";
  {
    std::ofstream f(path);
    f << "OPENAI_API_KEY=" << kOpenAiKey << "\n";
  }
  for (mode_t mode : {0640, 0604, 0660, 0644}) {
    chmod(path.c_str(), mode);
    LlmOptions o = Options();
    o.key_file = path;
    auto client = LlmClient::Create(o);
    ASSERT_FALSE(client.ok()) << std::oct << mode;
    EXPECT_EQ(client.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_NE(client.status().message().find("chmod 600"), std::string::npos);
    EXPECT_EQ(client.status().message().find(kOpenAiKey), std::string::npos);
    EXPECT_FALSE(CheckKeys({"openai/gpt-4o"}, o).ok());
  }
  std::remove(path.c_str());
  LlmOptions o = Options();
  o.key_file = path;
  EXPECT_EQ(LlmClient::Create(o).status().code(), StatusCode::kNotFound);
}

TEST_F(SecretsTest, WrongKeyIsRejectedAndScrubbedFromTheError) {
  // The server echoes a wrong key in full in its 401 text.
  const std::string wrong = "sk-wrong-key-1234567890abcdefXYZ";
  setenv("OPENAI_API_KEY", wrong.c_str(), 1);
  auto client = Client(Options());
  client->Submit(Request("openai/gpt-4o", "x"));
  auto out = RunUntil(*client, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].record.status, LlmCallStatus::kRejected);
  EXPECT_EQ(out[0].record.http_status, 401);
  EXPECT_EQ(Requests().size(), 1u);  // 401 is not retried
  json reqs = Requests();
  ASSERT_NE(reqs[0]["status"], nullptr);
  EXPECT_NE(out[0].record.error.find("Incorrect API key provided: [redacted]"), std::string::npos)
      << out[0].record.error;
  EXPECT_EQ(RecordText(out[0]).find(wrong), std::string::npos);
  EXPECT_EQ(RecordText(out[0]).find("1234567890abcdef"), std::string::npos);
  logger_->flush();
  EXPECT_EQ(log_.str().find(wrong), std::string::npos);
  EXPECT_NE(log_.str().find("rejected"), std::string::npos);  // the failure was logged
}

TEST_F(SecretsTest, KeysNeverLeaveTheirHeaders) {
  // Every provider, with retries (which log), errors (which are recorded)
  // and successes.
  Script({{"replies", {{{"match", {{"format", "openai"}}}, {"status", 429}, {"retry_after_ms", 10}},
                       {{"match", {{"format", "anthropic"}}}, {"status", 529}},
                       {{"match", {{"format", "gemini"}}}, {"status", 500}}}},
          {"models", {{"o3-mini", {{"reject", {"temperature"}}}}}}});
  auto client = Client(Options());
  std::vector<std::string> models = {"openai/o3-mini", "anthropic/claude-sonnet-4-5",
                                     "gemini/gemini-2.5-pro",
                                     "together/meta-llama/Llama-3.3-70B-Instruct-Turbo"};
  for (const auto& m : models) {
    LlmRequest r = Request(m, "prompt for " + m);
    r.temperature = 0.5;
    client->Submit(r);
  }
  auto out = RunUntil(*client, models.size());
  ASSERT_EQ(out.size(), models.size());
  for (const auto& r : out) {
    EXPECT_TRUE(r.status.ok()) << r.status.ToString();
    for (const char* key : kAllKeys) EXPECT_EQ(RecordText(r).find(key), std::string::npos);
  }
  logger_->flush();
  ASSERT_FALSE(log_.str().empty());  // retries were logged
  for (const char* key : kAllKeys) EXPECT_EQ(log_.str().find(key), std::string::npos) << key;

  json reqs = Requests();
  ASSERT_GE(reqs.size(), 8u);
  const std::set<std::string> auth_headers = {"authorization", "x-api-key", "x-goog-api-key"};
  for (const auto& req : reqs) {
    for (const char* key : kAllKeys) {
      EXPECT_EQ(req["path"].get<std::string>().find(key), std::string::npos);
      EXPECT_EQ(req["query"].get<std::string>().find(key), std::string::npos);
      EXPECT_EQ(req["body"].get<std::string>().find(key), std::string::npos);
      for (auto& [name, value] : req["headers"].items()) {
        if (auth_headers.count(name)) continue;
        EXPECT_EQ(value.get<std::string>().find(key), std::string::npos) << name;
      }
    }
  }
}

TEST_F(SecretsTest, RedactRemovesKeysAndLongPiecesOfThem) {
  auto keys = ApiKeys::Load("");
  ASSERT_TRUE(keys.ok());
  std::string text = std::string("full ") + kOpenAiKey + " piece " +
                     std::string(kAnthropicKey).substr(3, 12) + " short " +
                     std::string(kGeminiKey).substr(0, 5) + " end";
  std::string red = keys->Redact(text);
  EXPECT_EQ(red.find(kOpenAiKey), std::string::npos);
  EXPECT_EQ(red.find(std::string(kAnthropicKey).substr(3, 12)), std::string::npos);
  EXPECT_NE(red.find(std::string(kGeminiKey).substr(0, 5)), std::string::npos);  // < 8 chars
  EXPECT_EQ(red, "full [redacted] piece [redacted] short AIzaT end");
  EXPECT_TRUE(keys->ContainsKey(text));
  EXPECT_FALSE(keys->ContainsKey(red));
}

}  // namespace
}  // namespace autocomp::testing
