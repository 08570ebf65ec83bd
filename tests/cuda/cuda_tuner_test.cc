// tests/cuda/cuda_tuner_test.cc — the offline knobs of our own cuda problems: moves from the
// baseline, complete generated files (every placeholder filled, the static rules kept).
#include "cuda/cuda_tuner.h"

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "cuda/cuda_problems.h"

namespace autocomp::cuda {
namespace {

Problem OwnProblem(int index) {
  auto set = FindSet(ProblemSets(AUTOCOMP_SOURCE_DIR, ""), "ops");
  EXPECT_TRUE(set.ok());
  auto problems = LoadSet(*set, true);
  EXPECT_TRUE(problems.ok());
  for (const Problem& p : *problems) {
    if (p.id.index == index) return p;
  }
  ADD_FAILURE() << "no ops/" << index;
  return {};
}

// Runs the backend's static checker over `code`; its JSON line.
std::string StaticCheck(const std::string& code) {
  const std::string path = ::testing::TempDir() + "/tuned_candidate.py";
  std::ofstream(path) << code;
  const std::string command = std::string("/usr/bin/python3 ") + AUTOCOMP_SOURCE_DIR +
                              "/backends/cuda/harness/static_check.py " + path;
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (pipe) pclose(pipe);
  return out;
}

TEST(CudaTunerTest, TheBaselineOffersOnlyTheCustomKernel) {
  CudaTuner tuner(AUTOCOMP_SOURCE_DIR);
  for (int index : {1, 4, 7}) {
    const Problem p = OwnProblem(index);
    const auto menu = tuner.Menu(p);
    ASSERT_GE(menu.size(), 3u);
    std::vector<int> all;
    for (size_t i = 0; i < menu.size(); ++i) all.push_back(static_cast<int>(i));
    const auto moves = tuner.Moves(p, p.baseline_code, all);
    ASSERT_EQ(moves.size(), 1u) << p.id.ToString();
    EXPECT_EQ(moves[0].menu_index, 0);
  }
  EXPECT_TRUE(tuner.Menu(OwnProblem(3)).empty()) << "conv2d has no knobs";
}

TEST(CudaTunerTest, GeneratedFilesAreCompleteAndKeepTheRules) {
  CudaTuner tuner(AUTOCOMP_SOURCE_DIR);
  for (int index : {1, 4, 7}) {
    const Problem p = OwnProblem(index);
    std::vector<int> all;
    for (size_t i = 0; i < tuner.Menu(p).size(); ++i) all.push_back(static_cast<int>(i));
    auto first = tuner.Implement(p, p.baseline_code, tuner.Moves(p, p.baseline_code, all)[0].plan, 0);
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_EQ(first->rfind("# autocomp-knobs: {", 0), 0u);
    EXPECT_EQ(first->find("{{"), std::string::npos) << "a placeholder was left in " << p.id.ToString();
    EXPECT_NE(first->find("class ModelNew"), std::string::npos);
    EXPECT_NE(StaticCheck(*first).find("\"ok\": true"), std::string::npos) << StaticCheck(*first);
    // Every further move applies to the generated code and changes it.
    const auto next = tuner.Moves(p, *first, all);
    EXPECT_GE(next.size(), 2u) << p.id.ToString();
    for (const TunerMove& move : next) {
      auto code = tuner.Implement(p, *first, move.plan, 1);
      ASSERT_TRUE(code.ok()) << code.status().ToString();
      EXPECT_NE(*code, *first);
      EXPECT_NE(StaticCheck(*code).find("\"ok\": true"), std::string::npos) << move.plan;
    }
  }
}

TEST(CudaTunerTest, ForeignCodeHasNoKnobs) {
  CudaTuner tuner(AUTOCOMP_SOURCE_DIR);
  const Problem p = OwnProblem(1);
  EXPECT_FALSE(CudaKnobsOf(p, "class ModelNew: pass\n").has_value());
  EXPECT_FALSE(tuner.Implement(p, "class ModelNew: pass\n", "offline-move: custom", 0).ok());
}

}  // namespace
}  // namespace autocomp::cuda
