// tests/llm/price_table_test.cc
#include "master/llm/price_table.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace autocomp {
namespace {

TEST(PriceTableTest, BuiltinTableLoadsAndPricesKnownModels) {
  auto t = PriceTable::Builtin();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_GT(t->size(), 20u);
  EXPECT_FALSE(t->as_of().empty());
  auto p = t->Find("openai/o3-mini");
  ASSERT_TRUE(p);
  EXPECT_DOUBLE_EQ(p->input_per_mtok, 1.10);
  EXPECT_DOUBLE_EQ(p->output_per_mtok, 4.40);
  EXPECT_NEAR(p->Cost(1'000'000, 500'000), 1.10 + 2.20, 1e-12);
}

TEST(PriceTableTest, DatedSnapshotsFindTheirFamilyButNotAnotherModel) {
  auto t = PriceTable::Builtin();
  ASSERT_TRUE(t.ok());
  EXPECT_DOUBLE_EQ(t->Find("openai/gpt-4o-2024-08-06")->input_per_mtok, 2.50);
  EXPECT_DOUBLE_EQ(t->Find("openai/gpt-4o-mini-2024-07-18")->input_per_mtok, 0.15);
  EXPECT_DOUBLE_EQ(t->Find("anthropic/claude-opus-4-1-20250805")->output_per_mtok, 75.0);
  EXPECT_DOUBLE_EQ(t->Find("anthropic/claude-opus-4-5-20251101")->output_per_mtok, 25.0);
  EXPECT_FALSE(t->Find("openai/gpt-4"));        // not a '-' continuation of gpt-4o
  EXPECT_FALSE(t->Find("openai/o3minimal"));
  EXPECT_FALSE(t->Find("local/qwen2.5-coder"));
}

TEST(PriceTableTest, UserFileOverridesAndAdds) {
  std::string path = ::testing::TempDir() + "/prices_override.json";
  {
    std::ofstream f(path);
    f << R"({"as_of": "2030-01", "models": {
      "openai/o3-mini": {"input": 0.5, "output": 2.0},
      "local/*": {"input": 0.01, "output": 0.02, "note": "electricity"}}})";
  }
  auto t = PriceTable::Load(path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_DOUBLE_EQ(t->Find("openai/o3-mini")->input_per_mtok, 0.5);
  EXPECT_DOUBLE_EQ(t->Find("openai/gpt-4o")->input_per_mtok, 2.5);  // untouched
  EXPECT_DOUBLE_EQ(t->Find("local/qwen2.5-coder:7b")->output_per_mtok, 0.02);
  EXPECT_EQ(t->as_of(), "2030-01");
  std::remove(path.c_str());
}

TEST(PriceTableTest, BadFilesAreErrorsThatNameTheEntry) {
  auto bad = PriceTable::FromJson(R"({"models": {"openai/x": {"input": "cheap", "output": 1}}})", "p.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "p.json: models.openai/x must be {\"input\": number, \"output\": number}");
  EXPECT_FALSE(PriceTable::FromJson("{", "p.json").ok());
  EXPECT_FALSE(PriceTable::FromJson(R"({"models": {"x": {"input": 1, "output": 1}}})", "p.json").ok());
  EXPECT_FALSE(PriceTable::FromJson(R"({"models": {"a/x": {"input": -1, "output": 1}}})", "p.json").ok());
  EXPECT_FALSE(PriceTable::FromJson(R"({"models": {"a/x": {"input": 1, "output": 1, "cached": 1}}})", "p.json").ok());
  EXPECT_EQ(PriceTable::Load("/nonexistent/prices.json").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace autocomp
