// tests/search/beam_selection_test.cc
//
// One test per selection rule of SelectNextBeam (beam_selection.h), each
// built so that it fails if its rule is taken out.
#include "master/search/beam_selection.h"

#include <gtest/gtest.h>

#include "common/run_event.h"

namespace autocomp {
namespace {

class BeamSelectionTest : public ::testing::Test {
 protected:
  // Adds a candidate; score < 0 means it failed its check.
  uint64_t Add(std::optional<uint64_t> parent, int iteration, double score, const std::string& plan = "p",
               std::string code = "") {
    const uint64_t id = p_.candidates.size();
    CandidateRecord r;
    r.candidate.id = id;
    r.candidate.parent = parent;
    r.candidate.iteration = iteration;
    r.candidate.plan = plan;
    r.candidate.code = code.empty() ? "code " + std::to_string(id) : code;
    r.candidate.lineage_key = "k" + std::to_string(1000 + id);
    r.result = EvalResult{};
    if (score >= 0) {
      r.result->status = EvalStatus::kOk;
      r.result->score = score;
    } else {
      r.result->status = EvalStatus::kWrongAnswer;
    }
    p_.candidates.push_back(r);
    return id;
  }

  std::vector<uint64_t> Select(const std::vector<uint64_t>& beam, int iteration, int beam_size, int filter = 0) {
    SelectionRules rules;
    rules.beam_size = beam_size;
    rules.duplicate_filter = filter;
    return SelectNextBeam(p_, beam, iteration, rules);
  }

  ProblemState p_;
};

TEST_F(BeamSelectionTest, GateLetsSlightlyWorseChildrenInEarlyOnly) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  const uint64_t a = Add(root, 1, 105);  // within 1.1x of its parent
  EXPECT_EQ(Select({root}, 1, 2), (std::vector<uint64_t>{root, a}));
  // The same situation in iteration 3: the factor is 1.0, so a worse child stays out.
  const uint64_t b = Add(root, 3, 105);
  EXPECT_EQ(Select({root}, 3, 2), (std::vector<uint64_t>{root}));
  // Worse than 1.1x never enters, even early.
  const uint64_t c = Add(root, 1, 111);
  auto early = Select({root}, 1, 3);
  EXPECT_EQ(std::count(early.begin(), early.end(), c), 0);
  (void)b;
}

TEST_F(BeamSelectionTest, GateComparesWithTheParentNotTheBest) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  const uint64_t good = Add(root, 1, 50);
  const uint64_t bad_parent = Add(root, 1, 90);
  // Iteration 3 (factor 1.0): a child of `good` at 60 is worse than its parent and stays out,
  // a child of `bad_parent` at 80 is better than its parent and enters.
  const uint64_t child_of_good = Add(good, 3, 60);
  const uint64_t child_of_bad = Add(bad_parent, 3, 80);
  auto next = Select({good, bad_parent}, 3, 4);
  EXPECT_EQ(std::count(next.begin(), next.end(), child_of_good), 0);
  EXPECT_EQ(std::count(next.begin(), next.end(), child_of_bad), 1);
}

TEST_F(BeamSelectionTest, IncumbentsWinTies) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  const uint64_t incumbent = Add(root, 1, 50);
  // The child gets the smaller lineage key, so only the incumbent rule keeps the incumbent first.
  const uint64_t child = Add(incumbent, 2, 50);
  p_.candidates[child].candidate.lineage_key = "a-first";
  EXPECT_EQ(Select({incumbent}, 2, 1), (std::vector<uint64_t>{incumbent}));
}

TEST_F(BeamSelectionTest, BeamStaysWhenNothingPasses) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  const uint64_t a = Add(root, 1, 60, "tile");
  const uint64_t b = Add(root, 1, 70, "unroll");
  Add(a, 3, 65);   // worse than its parent
  Add(b, 3, -1);   // wrong
  EXPECT_EQ(Select({a, b}, 3, 2), (std::vector<uint64_t>{a, b}));
}

TEST_F(BeamSelectionTest, IncorrectCandidatesNeverEnter) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  Add(root, 1, -1);
  Add(root, 1, -1);
  EXPECT_EQ(Select({root}, 1, 3), (std::vector<uint64_t>{root}));
}

TEST_F(BeamSelectionTest, IdenticalCodeCountsOnce) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  const uint64_t a = Add(root, 1, 50, "p1", "same code\n");
  Add(root, 1, 50, "p2", "same code  \n\n");  // differs only in whitespace
  const uint64_t c = Add(root, 1, 70, "p3");
  EXPECT_EQ(Select({root}, 1, 3), (std::vector<uint64_t>{a, c, root}));
}

TEST_F(BeamSelectionTest, LevelZeroKeepsOneChildPerParentAndPlan) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  const uint64_t a = Add(root, 1, 40, "tile");
  Add(root, 1, 45, "tile");                       // same parent and plan as `a`
  const uint64_t c = Add(root, 1, 50, "unroll");  // same parent, another plan
  EXPECT_EQ(Select({root}, 1, 3, 0), (std::vector<uint64_t>{a, c, root}));
}

TEST_F(BeamSelectionTest, LevelOneKeepsOneChildPerNonRootParent) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  const uint64_t p = Add(root, 1, 80, "x");
  const uint64_t a = Add(p, 2, 40, "tile");
  Add(p, 2, 45, "unroll");                      // second child of the non-root parent p
  const uint64_t r1 = Add(root, 2, 60, "fuse");  // children of the root are not limited
  const uint64_t r2 = Add(root, 2, 62, "hoist");
  EXPECT_EQ(Select({p, root}, 2, 4, 1), (std::vector<uint64_t>{a, r1, r2, p}));
  // Without the filter the second child of p gets in.
  auto level0 = Select({p, root}, 2, 4, 0);
  EXPECT_EQ(level0[1], 3u);
}

TEST_F(BeamSelectionTest, LevelTwoKeepsLineagesApart) {
  const uint64_t root = Add(std::nullopt, 0, 100);
  const uint64_t p = Add(root, 1, 80, "x");
  const uint64_t q = Add(p, 2, 70, "y");
  const uint64_t grandchild = Add(q, 3, 40, "z");  // lineage {grandchild, q, p}
  const uint64_t other = Add(root, 3, 60, "w");    // lineage {other}
  // p and q share the grandchild's lineage and stay out; level 1 would keep q.
  EXPECT_EQ(Select({q, p}, 3, 4, 2), (std::vector<uint64_t>{grandchild, other}));
  auto level1 = Select({q, p}, 3, 4, 1);
  EXPECT_NE(std::count(level1.begin(), level1.end(), q), 0);
}

}  // namespace
}  // namespace autocomp
