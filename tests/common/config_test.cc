// tests/common/config_test.cc — every bad config gets an error naming the file and the key.
#include "common/config.h"
#include "common/json_bounded.h"

#include <fstream>

#include <gtest/gtest.h>

namespace autocomp {
namespace {

using nlohmann::json;

json Minimal() { return json::parse(R"({"backend": "cpu", "problems": {"set": "gemm", "ids": [0]}})"); }

std::string ErrorFor(const json& j) {
  auto c = ParseConfig(j, "bad.json");
  EXPECT_FALSE(c.ok());
  return c.ok() ? "" : c.status().message();
}

TEST(ConfigTest, MinimalConfigGetsDefaults) {
  auto c = ParseConfig(Minimal(), "demo.json");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->backend, "cpu");
  ASSERT_EQ(c->problems.size(), 1u);
  EXPECT_EQ(c->problems[0].set, "gemm");
  EXPECT_EQ(c->problems[0].ids, std::vector<int>{0});
  EXPECT_TRUE(c->offline());
  EXPECT_EQ(c->search.beam_size, 4);
  EXPECT_EQ(c->eval.repeats, 5);
  EXPECT_DOUBLE_EQ(c->search.menu_keep_probability, 0.7);
}

TEST(ConfigTest, FullConfigIsRead) {
  json j = Minimal();
  j["problems"] = json::parse(R"([{"set": "gemm", "ids": "all"}, {"set": "softmax", "ids": [1, 2]}])");
  j["search"] = {{"iterations", 7}, {"beam_size", 3}, {"plans_per_candidate", 5}, {"impls_per_plan", 2},
                 {"menu_keep_probability", 0.3}, {"seed", 42}, {"max_concurrent_problems", 2}};
  j["eval"] = {{"repeats", 9}, {"warmup", 2}, {"run_timeout_s", 5.5}, {"score", "instructions"}, {"isolate", false}};
  j["output"] = {{"path", "runs/x.h5"}, {"flush_seconds", 0.5}};
  auto c = ParseConfig(j, "full.json");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->problems[0].all);
  EXPECT_EQ(c->problems[1].ids, (std::vector<int>{1, 2}));
  EXPECT_EQ(c->search.iterations, 7);
  EXPECT_EQ(c->search.seed, 42u);
  EXPECT_EQ(c->eval.repeats, 9);
  EXPECT_EQ(c->eval.score, "instructions");
  EXPECT_FALSE(c->eval.isolate);
  EXPECT_EQ(c->output.path, "runs/x.h5");
}

TEST(ConfigTest, BadInputsAreNamed) {
  struct Case {
    std::function<void(json&)> edit;
    std::string message;
  };
  std::vector<Case> cases = {
      {[](json& j) { j.erase("backend"); }, "bad.json: backend: is required"},
      {[](json& j) { j["backend"] = 3; }, "bad.json: backend: must be a string"},
      {[](json& j) { j["beam_size"] = 3; }, "bad.json: beam_size: unknown key (known: backend, backend_options, bench, eval, llm, models, output, problems, search, "
       "simulator, workers)"},
      {[](json& j) { j["search"] = {{"beam_sise", 3}}; }, "bad.json: search.beam_sise: unknown key (known: beam_size, duplicate_filter, early_stop_threshold, "
       "early_stop_window, examples_in_plan, feedback, impls_per_plan, iterations, keep_factor, keep_factor_early, "
       "keep_factor_early_iterations, max_concurrent_problems, menu_keep_probability, mode, plans_per_candidate, "
       "preset, reimplement_failed, schedule_reuse, seed)"},
      {[](json& j) { j["search"] = {{"beam_size", "4"}}; }, "bad.json: search.beam_size: must be an integer from 1 to 1000"},
      {[](json& j) { j["search"] = {{"beam_size", 0}}; }, "bad.json: search.beam_size: must be an integer from 1 to 1000"},
      {[](json& j) { j["search"] = {{"menu_keep_probability", 1.5}}; },
       "bad.json: search.menu_keep_probability: must be a number from 0 to 1"},
      {[](json& j) { j["search"] = {{"seed", -1}}; }, "bad.json: search.seed: must be a non-negative integer"},
      {[](json& j) { j["eval"] = {{"repeats", 2.5}}; }, "bad.json: eval.repeats: must be an integer from 1 to 100000"},
      {[](json& j) { j["eval"] = {{"isolate", "yes"}}; }, "bad.json: eval.isolate: must be true or false"},
      {[](json& j) { j["eval"] = 5; }, "bad.json: eval: must be an object"},
      {[](json& j) { j.erase("problems"); }, "bad.json: problems: is required"},
      {[](json& j) { j["problems"] = json::array(); }, "bad.json: problems: must not be empty"},
      {[](json& j) { j["problems"] = {{"ids", "all"}}; }, "bad.json: problems.set: is required"},
      {[](json& j) { j["problems"]["ids"] = "some"; },
       "bad.json: problems.ids: must be \"all\" or a non-empty list of non-negative integers"},
      {[](json& j) { j["problems"]["ids"] = {1, -2}; },
       "bad.json: problems.ids: must be \"all\" or a list of non-negative integers"},
      {[](json& j) { j["problems"]["id"] = 1; }, "bad.json: problems.id: unknown key (known: ids, set)"},
      {[](json& j) { j["problems"] = json::array({{{"set", "gemm"}}}); }, "bad.json: problems[0].ids: is required (a list of indices or \"all\")"},
      {[](json& j) { j["models"] = "offline"; }, "bad.json: models: must be a non-empty list of model names"},
      {[](json& j) { j["models"] = {"offline", "openai/o3"}; }, "bad.json: models: \"offline\" cannot be combined with LLM models"},
      {[](json& j) { j["output"] = {{"flush_seconds", -1}}; }, "bad.json: output.flush_seconds: must be a number from 0 to 3600"},
  };
  for (const auto& c : cases) {
    json j = Minimal();
    c.edit(j);
    EXPECT_EQ(ErrorFor(j), c.message) << j.dump();
  }
}

TEST(ConfigTest, FileErrorsNameTheFile) {
  auto missing = LoadConfigFile("/nonexistent/config.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "/nonexistent/config.json: cannot open the config file");

  const std::string path = ::testing::TempDir() + "/broken.json";
  std::ofstream(path) << "{\"backend\": \"cpu\",";
  auto broken = LoadConfigFile(path);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find(path + ": not valid JSON"), std::string::npos)
      << broken.status().message();

  // A directory is not "not valid JSON"; a document nested 200,000 deep is
  // refused by name instead of exhausting the stack when it is copied.
  auto folder = LoadConfigFile(::testing::TempDir());
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(folder.status().message().find("is a directory, not a config file"), std::string::npos);
  const std::string deep_path = ::testing::TempDir() + "/deep.json";
  std::ofstream(deep_path) << "{\"backend\": \"cpu\", \"x\": " << std::string(200000, '[')
                           << std::string(200000, ']') << "}";
  auto deep = LoadConfigFile(deep_path);
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().message(), deep_path + ": nested deeper than 256 levels");
}

TEST(ConfigTest, BoundedJsonKeepsOrdinaryDocumentsAndRefusesDeepOnes) {
  std::string error;
  const nlohmann::json ok = ParseBoundedJson("{\"a\": [[1, 2], {\"b\": null}]}", &error);
  ASSERT_FALSE(ok.is_discarded()) << error;
  EXPECT_EQ(ok["a"][0][1], 2);
  std::string at_limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_FALSE(ParseBoundedJson(at_limit).is_discarded());
  std::string over = std::string(kMaxJsonDepth + 2, '[') + std::string(kMaxJsonDepth + 2, ']');
  EXPECT_TRUE(ParseBoundedJson(over, &error).is_discarded());
  EXPECT_EQ(error, "nested deeper than 256 levels");
  EXPECT_TRUE(ParseBoundedJson("{\"a\": ", &error).is_discarded());
  EXPECT_NE(error.find("not valid JSON"), std::string::npos);
}

}  // namespace
}  // namespace autocomp
