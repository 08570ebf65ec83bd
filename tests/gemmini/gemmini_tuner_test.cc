// tests/gemmini/gemmini_tuner_test.cc — the gemm generator and the offline
// tuner's moves.
#include <gtest/gtest.h>

#include "gemm_codegen.h"
#include "gemmini_problems.h"
#include "gemmini_tuner.h"

namespace autocomp::gemmini {
namespace {

Problem Load(const std::string& set, int index) {
  auto p = LoadGemminiProblem(AUTOCOMP_SOURCE_DIR, {"gemmini", set, index});
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : Problem{};
}

TEST(GemmCodegenTest, BaselinesAreTheGeneratorsDefaultOutput) {
  for (const std::string set : {"exo", "gemm"}) {
    auto list = ListGemminiProblems(AUTOCOMP_SOURCE_DIR);
    ASSERT_TRUE(list.ok());
    for (const auto& info : *list) {
      if (info.id.set != set) continue;
      Problem p = Load(set, info.id.index);
      GemmShape s{p.spec["dims"]["I"], p.spec["dims"]["K"], p.spec["dims"]["J"]};
      EXPECT_EQ(p.baseline_code, GenerateGemm(s, GemmKnobs{})) << info.id.ToString();
    }
  }
}

TEST(GemmCodegenTest, KnobCommentRoundTripsAndInvalidSettingsAreRejected) {
  GemmKnobs k{2, 4, true, true, 2, 0};
  auto back = ParseGemmKnobs(GenerateGemm({512, 512, 512}, k));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, k);
  EXPECT_FALSE(GemmKnobsValid({784, 256, 1024}, GemmKnobs{4, 1, false, false, 1, 0}));  // 49 row blocks
  EXPECT_FALSE(GemmKnobsValid({512, 512, 512}, GemmKnobs{8, 8, false, false, 1, 0}));   // accumulator overflow
  EXPECT_FALSE(ParseGemmKnobs("void solution() {}"));
}

TEST(GemminiTunerTest, OffersOneKnobMovesFromTheBaselineAndImplementsThem) {
  auto tuner = MakeGemminiTuner();
  Problem p = Load("exo", 0);
  auto menu = tuner->Menu(p);
  std::vector<int> all;
  for (size_t i = 0; i < menu.size(); ++i) all.push_back(int(i));
  auto moves = tuner->Moves(p, p.baseline_code, all);
  ASSERT_GE(moves.size(), 5u);
  bool saw_loop_ws = false;
  for (const auto& m : moves) {
    auto code = tuner->Implement(p, p.baseline_code, m.plan, 0);
    ASSERT_TRUE(code.ok()) << m.plan << ": " << code.status().ToString();
    EXPECT_NE(*code, p.baseline_code);
    EXPECT_TRUE(ParseGemmKnobs(*code).has_value());
    saw_loop_ws |= m.menu_index == 4;
  }
  EXPECT_TRUE(saw_loop_ws);
  // Dropped menu entries give no moves; foreign code gives none either.
  EXPECT_TRUE(tuner->Moves(p, p.baseline_code, {6, 7}).empty());
  EXPECT_TRUE(tuner->Moves(p, "void solution() {}", all).empty());
  auto bad = tuner->Implement(p, p.baseline_code, "make it fast", 0);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("[autocomp-tuner set knob=value]"), std::string::npos);
}

}  // namespace
}  // namespace autocomp::gemmini
