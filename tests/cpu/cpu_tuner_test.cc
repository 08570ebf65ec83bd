// tests/cpu/cpu_tuner_test.cc
//
// Every move of the offline tuner produces code that builds and passes the
// harness — including the edges of shapes that are not multiples of any
// tile — and moves only apply where they make sense.
#include <set>

#include <gtest/gtest.h>

#include "cpu_test_env.h"
#include "cpu_tuner.h"

namespace autocomp {
namespace {

namespace fs = std::filesystem;

class CpuTunerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EvalOptions eval;
    eval.repeats = 1;
    eval.warmup = 0;
    backend_ = testing_env::MakeTestCpuBackend(eval);
    tuner_ = backend_->offline_tuner();
    ASSERT_NE(tuner_, nullptr);
  }

  Problem Load(const std::string& id) { return *backend_->LoadProblem(*ProblemId::Parse(id)); }

  EvalResult Evaluate(const Problem& problem, const std::string& code) {
    auto scratch = ScratchDir::Create(fs::temp_directory_path() / "autocomp-tuner-test", "t");
    BuildResult build = backend_->Prepare(problem, code, scratch->path());
    if (!build.ok) {
      EvalResult r;
      r.status = build.status;
      r.message = build.message + "\n" + build.log;
      return r;
    }
    return backend_->Measure(problem, scratch->path(), Resource{}, MeasureOptions{});
  }

  std::vector<int> AllEntries(const Problem& p) {
    std::vector<int> all;
    for (size_t i = 0; i < tuner_->Menu(p).size(); ++i) all.push_back(static_cast<int>(i));
    return all;
  }

  // Applies `chain` of move ids in order (variant 0 each), checking each step.
  std::string ApplyChain(const Problem& p, const std::vector<std::string>& chain) {
    std::string code = p.baseline_code;
    for (const auto& id : chain) {
      bool applied = false;
      for (const auto& move : tuner_->Moves(p, code, AllEntries(p))) {
        if (move.plan.find("offline-move: " + id) == std::string::npos) continue;
        auto next = tuner_->Implement(p, code, move.plan, 0);
        EXPECT_TRUE(next.ok()) << next.status().ToString();
        code = *next;
        applied = true;
      }
      EXPECT_TRUE(applied) << "move " << id << " did not apply";
    }
    return code;
  }

  std::unique_ptr<Backend> backend_;
  const OfflineTuner* tuner_ = nullptr;
};

TEST_F(CpuTunerTest, EveryFirstMoveAndVariantIsCorrect) {
  for (const char* id : {"cpu/gemm/3", "cpu/conv2d/2", "cpu/softmax/2"}) {
    Problem p = Load(id);
    auto moves = tuner_->Moves(p, p.baseline_code, AllEntries(p));
    ASSERT_FALSE(moves.empty()) << id;
    for (const auto& move : moves) {
      for (int variant = 0; variant < 3; ++variant) {
        auto code = tuner_->Implement(p, p.baseline_code, move.plan, variant);
        ASSERT_TRUE(code.ok()) << code.status().ToString();
        EvalResult r = Evaluate(p, *code);
        EXPECT_EQ(r.status, EvalStatus::kOk) << id << " " << move.plan << " v" << variant << ": "
                                            << r.message << "\n" << *code;
      }
    }
  }
}

TEST_F(CpuTunerTest, DeepGemmChainsHandleRaggedEdges) {
  // 384x200x300 divides by none of the tiles.
  Problem p = Load("cpu/gemm/3");
  for (const auto& chain : std::vector<std::vector<std::string>>{
           {"cache_blocking", "register_tiling", "pack_operands", "unroll_inner"},
           {"register_tiling", "retune_register_tile", "unroll_inner"},
           {"loop_order", "cache_blocking", "retune_tiles"}}) {
    std::string code = ApplyChain(p, chain);
    EvalResult r = Evaluate(p, code);
    EXPECT_EQ(r.status, EvalStatus::kOk) << r.message << "\n" << code;
  }
}

TEST_F(CpuTunerTest, DeepConvAndSoftmaxChainsAreCorrect) {
  Problem conv = Load("cpu/conv2d/2");
  std::string code = ApplyChain(conv, {"loop_order", "block_channels", "vectorize", "hoist_invariants"});
  EXPECT_EQ(Evaluate(conv, code).status, EvalStatus::kOk) << code;
  Problem softmax = Load("cpu/softmax/2");
  code = ApplyChain(softmax, {"reuse_results", "cheaper_arithmetic", "vectorize", "vectorizable_math"});
  EvalResult r = Evaluate(softmax, code);
  EXPECT_EQ(r.status, EvalStatus::kOk) << r.message << code;
}

TEST_F(CpuTunerTest, MovesRespectTheKeptMenuEntries) {
  Problem p = Load("cpu/gemm/0");
  auto only_blocking = tuner_->Moves(p, p.baseline_code, {1});
  ASSERT_EQ(only_blocking.size(), 1u);
  EXPECT_EQ(only_blocking[0].menu_index, 1);
  EXPECT_TRUE(tuner_->Moves(p, p.baseline_code, {}).empty());
}

TEST_F(CpuTunerTest, ForeignCodeGetsNoMoves) {
  Problem p = Load("cpu/gemm/0");
  EXPECT_TRUE(tuner_->Moves(p, "void gemm() { /* someone else's */ }", AllEntries(p)).empty());
  auto refused = tuner_->Implement(p, "void gemm() {}", "offline-move: cache_blocking", 0);
  EXPECT_FALSE(refused.ok());
}

TEST_F(CpuTunerTest, VariantsDifferAndAreDeterministic) {
  Problem p = Load("cpu/gemm/0");
  auto moves = tuner_->Moves(p, p.baseline_code, {1});
  ASSERT_EQ(moves.size(), 1u);
  auto a = tuner_->Implement(p, p.baseline_code, moves[0].plan, 0);
  auto b = tuner_->Implement(p, p.baseline_code, moves[0].plan, 1);
  auto a2 = tuner_->Implement(p, p.baseline_code, moves[0].plan, 0);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(*a, *a2);
}

}  // namespace
}  // namespace autocomp
