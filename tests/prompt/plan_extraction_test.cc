// tests/prompt/plan_extraction_test.cc
//
// ExtractPlan (thinking blocks removed, trimmed; cut off while thinking: no
// plan), ChosenMenuEntry over the ways models state their choice, and the
// mapping from a shown number back to the menu index.
#include "master/prompt/plan_extraction.h"

#include <gtest/gtest.h>

#include "master/prompt/thinking_blocks.h"

namespace autocomp {
namespace {

TEST(PlanExtractionTest, PlainPlanIsTrimmed) {
  EXPECT_EQ(ExtractPlan("\n\n  Optimization 2: tile the loops.\n\n"), "Optimization 2: tile the loops.");
}

TEST(PlanExtractionTest, TextAfterThinkingBlocks) {
  EXPECT_EQ(ExtractPlan("<think>\nwhich one? maybe 4\n</think>\n\nOptimization 3: unroll k."),
            "Optimization 3: unroll k.");
  EXPECT_EQ(ExtractPlan("<thinking>a</thinking>Plan A"), "Plan A");
  EXPECT_EQ(ExtractPlan("<THINK>upper case</THINK> Plan B "), "Plan B");
  EXPECT_EQ(ExtractPlan("<think>one</think>Part 1. <think>two</think>Part 2."), "Part 1. Part 2.");
}

TEST(PlanExtractionTest, UnterminatedThinkingMeansNoPlan) {
  EXPECT_EQ(ExtractPlan("<think>\nI should pick tiling because"), "");
  EXPECT_EQ(ExtractPlan("Preface <thinking> still thinking"), "");
}

TEST(PlanExtractionTest, OrphanClosingTagDropsTheReasoningBeforeIt) {
  EXPECT_EQ(ExtractPlan("reasoning the server left in\n</think>\nOptimization 1: reorder."), "Optimization 1: reorder.");
}

TEST(PlanExtractionTest, NestedOpeningTagStaysInsideTheBlock) {
  EXPECT_EQ(ExtractPlan("<think>mentioning <think> inside</think>The plan"), "The plan");
}

TEST(ThinkingBlocksTest, Flags) {
  AnswerText a = StripThinking("no reasoning here");
  EXPECT_FALSE(a.had_thinking);
  EXPECT_FALSE(a.ended_in_thinking);
  EXPECT_EQ(a.text, "no reasoning here");
  a = StripThinking("x<think>y</think>z");
  EXPECT_TRUE(a.had_thinking);
  EXPECT_FALSE(a.ended_in_thinking);
  EXPECT_EQ(a.text, "xz");
  a = StripThinking("x<think>y");
  EXPECT_TRUE(a.ended_in_thinking);
  EXPECT_EQ(a.text, "x");
}

TEST(ChosenMenuEntryTest, StatedNumbers) {
  struct Case {
    const char* plan;
    std::optional<int> want;
  };
  const Case cases[] = {
      {"Optimization 3: tile the i and j loops", 3},
      {"I choose option 12. Then ...", 12},
      {"**Optimization #4** (register tiling)", 4},
      {"Chosen optimization: 5\nPlan: ...", 5},
      {"I pick 2 because", 2},
      {"I have selected entry 7", 7},
      {"Menu item #9 fits best", 9},
      {"3. Cache blocking: use 64x64 tiles", 3},
      {"## 7) vectorize the inner loop", 7},
      {"**11:** unroll", 11},
      {"Optimization 2 fits better than option 5", 2},
      {"This optimization splits the loop; I choose 6.", 6},
      {"OPTIMIZATION 8", 8},
      {"No. 4, because", 4},
      {"Optimization\t#5", 5},
      {"The options 3 and 4 both help", std::nullopt},
      {"itemize 3 things", std::nullopt},
      {"Option 32x32 tiles are best", std::nullopt},
      {"Use 4 accumulators and 2 vectors", std::nullopt},
      {"option 0", std::nullopt},
      {"No number stated at all", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ChosenMenuEntry(c.plan), c.want) << c.plan;
}

TEST(ChosenMenuEntryTest, ShownNumberMapsToMenuIndex) {
  const std::vector<int> offered = {1, 4, 9};
  EXPECT_EQ(MenuIndexOfChoice(offered, 1), 1);
  EXPECT_EQ(MenuIndexOfChoice(offered, 2), 4);
  EXPECT_EQ(MenuIndexOfChoice(offered, 3), 9);
  EXPECT_EQ(MenuIndexOfChoice(offered, 0), std::nullopt);
  EXPECT_EQ(MenuIndexOfChoice(offered, 4), std::nullopt);
  EXPECT_EQ(MenuIndexOfChoice({}, 1), std::nullopt);
  EXPECT_EQ(MenuIndexOfChoice(offered, *ChosenMenuEntry(ExtractPlan("<think>3?</think>Optimization 2: x"))), 4);
}

}  // namespace
}  // namespace autocomp
