// tests/gemmini/gemmini_tuner_test.cc — the gemm, conv and admm generators
// and the offline tuner's moves: which moves are offered, and that each move
// changes the code as its plan says (correctness on the simulator is
// gemmini_tuner_grid_test's part).
#include <algorithm>

#include <gtest/gtest.h>

#include "admm_codegen.h"
#include "conv_codegen.h"
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

std::vector<int> AllEntries(const OfflineTuner& tuner, const Problem& p) {
  std::vector<int> all;
  for (size_t i = 0; i < tuner.Menu(p).size(); ++i) all.push_back(int(i));
  return all;
}

size_t Count(const std::string& code, const std::string& what) {
  size_t n = 0;
  for (size_t at = code.find(what); at != std::string::npos; at = code.find(what, at + 1)) ++n;
  return n;
}

// The code of the move on `entry` from `parent` (the test fails if there is none).
std::string Apply(const OfflineTuner& tuner, const Problem& p, const std::string& parent, int entry) {
  for (const auto& m : tuner.Moves(p, parent, AllEntries(tuner, p))) {
    if (m.menu_index != entry) continue;
    auto code = tuner.Implement(p, parent, m.plan, 0);
    EXPECT_TRUE(code.ok()) << m.plan << ": " << code.status().ToString();
    return code.ok() ? *code : std::string();
  }
  ADD_FAILURE() << "no move on menu entry " << entry << " for " << p.id.ToString();
  return "";
}

TEST(ConvTunerTest, MovesFromTheBaselineChangeOneKnobEach) {
  auto tuner = MakeGemminiTuner();
  Problem p = Load("exo-conv", 0);
  EXPECT_EQ(tuner->Menu(p).size(), 6u);
  auto moves = tuner->Moves(p, p.baseline_code, AllEntries(*tuner, p));
  std::vector<int> entries;
  for (const auto& m : moves) {
    entries.push_back(m.menu_index);
    auto code = tuner->Implement(p, p.baseline_code, m.plan, 0);
    ASSERT_TRUE(code.ok()) << m.plan << ": " << code.status().ToString();
    auto k = ParseConvKnobs(*code);
    ASSERT_TRUE(k) << *code;
    int changed = (k->loop_conv != false) + (k->rows != 1) + (k->och != 1) + (k->wreuse != false) + (k->dbuf != false);
    EXPECT_EQ(changed, 1) << m.plan;
  }
  // rows, channels, weight reuse, double buffering, loop_conv; not "back to explicit".
  EXPECT_EQ(entries, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(tuner->Moves(p, "void solution() {}", AllEntries(*tuner, p)).empty());
}

TEST(ConvTunerTest, EachMoveChangesTheCodeAsItsPlanSays) {
  auto tuner = MakeGemminiTuner();
  Problem p = Load("exo-conv", 3);  // 14x14, 128 -> 128
  const std::string base = p.baseline_code;
  // Output-row tiling: later rows reuse the preloaded weights.
  std::string rows = Apply(*tuner, p, base, 0);
  EXPECT_EQ(Count(base, "compute_accumulated"), 0u);
  EXPECT_GT(Count(rows, "compute_accumulated"), 0u);
  EXPECT_EQ(ParseConvKnobs(rows)->rows, 2);
  // Channel tiling: two 16-channel blocks per pass, moved in with one wide mvin2.
  std::string och = Apply(*tuner, p, base, 1);
  EXPECT_NE(och.find("16 * (k0 + 0)], w + 0, 32, 16)"), std::string::npos) << och;
  // Weight reuse: the weights are moved in before the row loop, not per tap.
  std::string wr = Apply(*tuner, p, base, 2);
  EXPECT_LT(wr.find("mvin2(&weights"), wr.find("for (int oh0")) << wr;
  // Double buffering: alternating slots.
  std::string db = Apply(*tuner, p, base, 3);
  EXPECT_NE(db.find("(tap & 1)"), std::string::npos);
  EXPECT_NE(db.find("(tile++ & 1) * 512"), std::string::npos);
  // loop_conv_ws: no explicit computes; then rows, weight reuse (NULL weights) and back to explicit.
  std::string lc = Apply(*tuner, p, base, 4);
  EXPECT_NE(lc.find("gemmini_loop_conv_ws("), std::string::npos);
  EXPECT_EQ(Count(lc, "compute_preloaded"), 0u);
  std::string lc_rows = Apply(*tuner, p, lc, 0);
  EXPECT_EQ(ParseConvKnobs(lc_rows)->rows, 2);
  EXPECT_NE(lc_rows.find("r0 += 2"), std::string::npos);
  std::string lc_wr = Apply(*tuner, p, lc, 2);
  EXPECT_NE(lc_wr.find("n == 0 && r0 == 0 ? &weights[0][0][0][k0] : NULL"), std::string::npos);
  EXPECT_LT(lc_wr.find("for (int k0"), lc_wr.find("for (int n")) << "channel groups outermost";
  std::string back = Apply(*tuner, p, lc_rows, 5);
  EXPECT_EQ(*ParseConvKnobs(back), (ConvKnobs{false, 2, 1, false, false}));
}

TEST(ConvCodegenTest, CapacityLimitsAreEnforced) {
  const ConvShape big{4, 56, 56, 64, 64};
  EXPECT_TRUE(ConvKnobsValid(big, ConvKnobs{true, 8, 1, false, false}));    // 8 x 56 pixels: 448 accumulator rows
  EXPECT_FALSE(ConvKnobsValid(big, ConvKnobs{true, 14, 1, false, false}));  // 784 > 512
  EXPECT_FALSE(ConvKnobsValid(big, ConvKnobs{false, 3, 1, false, false}));  // 3 does not divide 56
  EXPECT_FALSE(ConvKnobsValid({4, 14, 14, 256, 256}, ConvKnobs{false, 1, 4, true, false}));  // 9216 weight rows
  EXPECT_FALSE(ParseConvKnobs("// autocomp-tuner gemm: tile_i=1"));
}

TEST(AdmmTunerTest, TheBaselineOnlyUnrollsThenEveryKnobHasAMove) {
  auto tuner = MakeGemminiTuner();
  Problem p = Load("admm-multifunction", 2);
  EXPECT_EQ(tuner->Menu(p).size(), 8u);
  auto from_base = tuner->Moves(p, p.baseline_code, AllEntries(*tuner, p));
  ASSERT_EQ(from_base.size(), 1u);
  EXPECT_EQ(from_base[0].menu_index, 0);
  std::string straight = Apply(*tuner, p, p.baseline_code, 0);
  EXPECT_EQ(*ParseAdmmKnobs(straight), (AdmmKnobs{true, false, false, false, false, 0, false}));
  std::vector<int> entries;
  for (const auto& m : tuner->Moves(p, straight, AllEntries(*tuner, p))) entries.push_back(m.menu_index);
  // resident, vector reuse, hoist, fences, to-CPU; merge needs vector reuse, to-accelerator needs CPU loops.
  EXPECT_EQ(entries, (std::vector<int>{1, 2, 4, 5, 7}));
}

TEST(AdmmTunerTest, EachMoveChangesTheCodeAsItsPlanSays) {
  auto tuner = MakeGemminiTuner();
  Problem p = Load("admm-multifunction", 2);
  std::string straight = Apply(*tuner, p, p.baseline_code, 0);
  EXPECT_EQ(straight.find("static void mv2"), std::string::npos);
  EXPECT_EQ(Count(straight, "fence();"), 3u);  // one after each of the step's three operations
  // Resident matrices: matrix mvins before the loop only.
  std::string res = Apply(*tuner, p, straight, 1);
  EXPECT_EQ(Count(res.substr(res.find("for (int i")), "mvin(&"), 0u);
  EXPECT_EQ(Count(res.substr(0, res.find("for (int i")), "mvin(&"), 3u + 1u + 9u + 3u);
  // Vector reuse: each p block moved in once per product instead of once per tile.
  std::string xr = Apply(*tuner, p, res, 2);
  EXPECT_LT(Count(xr, "mvin2(&p[i + 1]"), Count(res, "mvin2(&p[i + 1]"));
  EXPECT_GT(Count(xr, "compute_accumulated"), 0u);
  // Merging: BdynT p[i+1] and AmBKt p[i+1] share one pass, so p[i+1] moves in once per step.
  std::string mg = Apply(*tuner, p, xr, 3);
  EXPECT_EQ(Count(mg, "mvin2(&p[i + 1][0][0]"), 3u);
  EXPECT_EQ(Count(xr, "mvin2(&p[i + 1][0][0]"), 6u);
  // Hoisting: fewer config instructions.
  std::string ho = Apply(*tuner, p, mg, 4);
  EXPECT_LT(Count(ho, "config_"), Count(mg, "config_"));
  // Fence removal: the fence after d = Quu_inv t goes (nothing reads d), the two RAW fences stay, one at the end.
  std::string fe = Apply(*tuner, p, ho, 5);
  const std::string body = fe.substr(fe.find("for (int i"));
  EXPECT_EQ(Count(body, "fence();"), 3u);  // before t is read, before p is read, the final one
  EXPECT_LT(body.find("fence();"), body.find("mvin2(t,"));
  // CPU loops and back.
  std::string cpu = Apply(*tuner, p, fe, 7);
  EXPECT_NE(cpu.find("for (int k = 0; k < 4; k++) (t)[k]"), std::string::npos) << cpu;
  EXPECT_EQ(Count(cpu, "mvin3("), 0u);
  std::string acc = Apply(*tuner, p, cpu, 6);
  EXPECT_EQ(acc, fe);
}

TEST(AdmmTunerTest, MergeAndFenceRemovalAreOfferedOnlyWhereTheyChangeSomething) {
  auto tuner = MakeGemminiTuner();
  Problem p0 = Load("admm-multifunction", 0);  // one operation: nothing to merge, only the final fence
  std::string code = GenerateAdmm(0, 1, AdmmKnobs{true, false, true, false, false, 0, false}, p0.spec["signature"]);
  std::vector<int> entries;
  for (const auto& m : tuner->Moves(p0, code, AllEntries(*tuner, p0))) entries.push_back(m.menu_index);
  EXPECT_EQ(entries, (std::vector<int>{1, 4, 7}));
  Problem p1 = Load("admm-multifunction", 1);
  code = GenerateAdmm(1, 5, AdmmKnobs{true, false, true, false, false, 0, false}, p1.spec["signature"]);
  entries.clear();
  for (const auto& m : tuner->Moves(p1, code, AllEntries(*tuner, p1))) entries.push_back(m.menu_index);
  EXPECT_EQ(entries, (std::vector<int>{1, 3, 4, 5, 7}));
  EXPECT_FALSE(AdmmKnobsValid(1, 5, AdmmKnobs{true, false, false, true, false, 0, false}));  // merge needs xreuse
}

}  // namespace
}  // namespace autocomp::gemmini
