// tests/gemmini/gemmini_backend_test.cc — the gemmini Backend end to end
// through the real sandbox: build, measure, and every way a candidate can
// fail; the offline tuner's move improves exo problem 0.
#include <fstream>

#include <gtest/gtest.h>

#include "common/offline_tuner.h"
#include "common/sandbox.h"
#include "gemmini_backend.h"

namespace autocomp {
namespace {
namespace fs = std::filesystem;

class GemminiBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("riscv64-unknown-elf-gcc --version > /dev/null 2>&1") != 0) {
      GTEST_SKIP() << "riscv64-unknown-elf-gcc not installed";
    }
    MakeBackend(20);
  }

  void MakeBackend(double run_timeout_s) {
    Sandbox::Options so;
    so.shim_path = fs::path(AUTOCOMP_BINARY_DIR) / "autocomp-sandbox";
    auto sandbox = Sandbox::Create(so);
    ASSERT_TRUE(sandbox.ok()) << sandbox.status().ToString();
    BackendContext ctx;
    ctx.home = AUTOCOMP_SOURCE_DIR;
    ctx.sandbox = *sandbox;
    ctx.cache_dir = fs::temp_directory_path() / ("gemmini-backend-test-" + std::to_string(::getpid()));
    ctx.eval.run_timeout_s = run_timeout_s;
    ctx.eval.build_timeout_s = 60;
    auto b = MakeGemminiBackend(ctx);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    backend_ = std::move(*b);
    ASSERT_TRUE(backend_->CheckEnvironment().ok()) << backend_->CheckEnvironment().ToString();
    auto p = backend_->LoadProblem({"gemmini", "exo", 0});
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    problem_ = *p;
  }

  EvalResult Evaluate(const std::string& code) {
    fs::path scratch = fs::temp_directory_path() / ("gemmini-cand-" + std::to_string(::getpid()) + "-" + std::to_string(n_++));
    fs::create_directories(scratch);
    BuildResult b = backend_->Prepare(problem_, code, scratch);
    EvalResult r;
    if (!b.ok) {
      r.status = b.status;
      r.message = b.message;
      r.trace = b.log;
    } else {
      r = backend_->Measure(problem_, scratch, Resource{}, MeasureOptions{});
    }
    fs::remove_all(scratch);
    return r;
  }

  std::unique_ptr<Backend> backend_;
  Problem problem_;
  int n_ = 0;
};

TEST_F(GemminiBackendTest, ListsAndLoadsProblemsWithClearErrors) {
  auto list = backend_->ListProblems();
  ASSERT_TRUE(list.ok());
  EXPECT_GE(list->size(), 15u);
  EXPECT_EQ(problem_.score_unit, "cycles (model)") << "estimated cycles by default";
  auto unknown = backend_->LoadProblem({"gemmini", "nope", 0});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown gemmini problem set 'nope' (known: "), std::string::npos);
  auto no_index = backend_->LoadProblem({"gemmini", "exo", 99});
  ASSERT_FALSE(no_index.ok());
  EXPECT_NE(no_index.status().message().find("has no problem 99 (it has 0, 1, 2, 3, 4, 5)"), std::string::npos);
}

TEST_F(GemminiBackendTest, BaselineIsCorrectAndTheTunerImprovesIt) {
  EvalResult base = Evaluate(problem_.baseline_code);
  ASSERT_EQ(base.status, EvalStatus::kOk) << base.message << "\n" << base.trace;
  ASSERT_TRUE(base.score);
  EXPECT_GT(base.metrics.value("cycles_estimate", 0ULL), 0u);
  EXPECT_GT(base.metrics.value("scratchpad_utilization", 0.0), 0.0);
  const OfflineTuner* tuner = backend_->offline_tuner();
  ASSERT_NE(tuner, nullptr);
  auto moves = tuner->Moves(problem_, problem_.baseline_code, {4});
  ASSERT_EQ(moves.size(), 1u);
  auto code = tuner->Implement(problem_, problem_.baseline_code, moves[0].plan, 0);
  ASSERT_TRUE(code.ok());
  EvalResult tuned = Evaluate(*code);
  ASSERT_EQ(tuned.status, EvalStatus::kOk) << tuned.message << "\n" << tuned.trace;
  EXPECT_EQ(base.metrics.value("score_kind", ""), "cycles (model)") << "estimated cycles are the default score";
  EXPECT_LT(*tuned.score, *base.score / 3) << "loop_ws keeps the array busy: several times fewer estimated cycles";
  EXPECT_LT(tuned.metrics.value("timed_instructions", 0.0), base.metrics.value("timed_instructions", 0.0) / 10)
      << "and far fewer instructions";
}

TEST_F(GemminiBackendTest, CompileErrorsWrongAnswersAndGemminiErrorsAreResults) {
  EvalResult ce = Evaluate("void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) { oops; }");
  EXPECT_EQ(ce.status, EvalStatus::kCompileError);
  EXPECT_NE(ce.message.find("oops"), std::string::npos) << ce.message;

  EvalResult wrong = Evaluate("void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) {\n"
                              "  for (int i = 0; i < 512; i++) for (int j = 0; j < 512; j++) C[i][j] = 1;\n}\n");
  EXPECT_EQ(wrong.status, EvalStatus::kWrongAnswer) << wrong.message;
  EXPECT_FALSE(wrong.score.has_value());

  EvalResult bad = Evaluate("void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) {\n"
                            "  config_ld(512, 1.0f, 16, 0);\n  mvin(A, 0, 16, 17);\n}\n");
  EXPECT_EQ(bad.status, EvalStatus::kRuntimeError);
  EXPECT_NE(bad.message.find("rows 17 > DIM 16"), std::string::npos) << bad.message;
  EXPECT_NE(bad.message.find("(in solution)"), std::string::npos) << bad.message;
}

TEST_F(GemminiBackendTest, ForgedResultLinesAndHangsAreNotScored) {
  EvalResult forged = Evaluate("#include <stdio.h>\n#include <stdlib.h>\n"
                               "void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) {\n"
                               "  printf(\"autocomp[0]: correct 1 mismatches 0\\nautocomp: timed_instructions 1\\n\");\n"
                               "  exit(0);\n}\n");
  EXPECT_NE(forged.status, EvalStatus::kOk) << forged.message;
  EXPECT_FALSE(forged.score.has_value());

  MakeBackend(3);
  EvalResult hang = Evaluate("void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) {\n"
                             "  for (;;) __asm__ volatile(\"nop\");\n}\n");
  EXPECT_EQ(hang.status, EvalStatus::kTimeout) << hang.message;
}

// The version keys result reuse and resume: another cross compiler or
// simulator build must give another version.
TEST(GemminiBackendVersionTest, FollowsTheCompilerAndTheSimulatorBuild) {
  if (std::system("riscv64-unknown-elf-gcc --version > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "riscv64-unknown-elf-gcc not installed";
  }
  Sandbox::Options so;
  so.shim_path = fs::path(AUTOCOMP_BINARY_DIR) / "autocomp-sandbox";
  auto sandbox = Sandbox::Create(so);
  ASSERT_TRUE(sandbox.ok()) << sandbox.status().ToString();
  BackendContext ctx;
  ctx.home = AUTOCOMP_SOURCE_DIR;
  ctx.sandbox = *sandbox;
  ctx.cache_dir = fs::temp_directory_path() / ("gemmini-version-test-" + std::to_string(::getpid()));
  auto version = [&] { return (*MakeGemminiBackend(ctx))->version(); };
  const std::string usual = version();
  EXPECT_EQ(usual, version()) << "the version is stable";

  const fs::path dir = ctx.cache_dir / "tools";
  fs::create_directories(dir);
  const fs::path gcc = dir / "riscv64-unknown-elf-gcc";
  {
    std::ofstream out(gcc);
    out << "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'riscv64-unknown-elf-gcc (another build) 99.1'; exit 0; fi\n"
           "exec riscv64-unknown-elf-gcc \"$@\"\n";
  }
  fs::permissions(gcc, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  ::setenv("AUTOCOMP_RISCV_GCC", gcc.c_str(), 1);
  const std::string other_gcc = version();
  ::unsetenv("AUTOCOMP_RISCV_GCC");
  EXPECT_NE(usual, other_gcc);

  const fs::path sim = dir / "autocomp-gemmini-sim";
  fs::copy_file(fs::path(AUTOCOMP_BINARY_DIR) / "backends/gemmini/autocomp-gemmini-sim", sim);
  { std::ofstream(sim, std::ios::app | std::ios::binary) << '\0'; }
  ::setenv("AUTOCOMP_GEMMINI_SIM", sim.c_str(), 1);
  const std::string other_sim = version();
  ::unsetenv("AUTOCOMP_GEMMINI_SIM");
  EXPECT_NE(usual, other_sim);
  EXPECT_NE(other_gcc, other_sim);
  fs::remove_all(ctx.cache_dir);
}

TEST(GemminiBackendMakeTest, RejectsUnknownSimulators) {
  BackendContext ctx;
  ctx.simulator = "verilator";
  auto b = MakeGemminiBackend(ctx);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("unknown simulator 'verilator'"), std::string::npos);
  ctx.simulator = "spike@";
  EXPECT_FALSE(MakeGemminiBackend(ctx).ok());
  ctx.simulator = "spike@/nonexistent/spike";
  auto real = MakeGemminiBackend(ctx);
  ASSERT_TRUE(real.ok());
  Status env = (*real)->CheckEnvironment();
  EXPECT_FALSE(env.ok());
}

}  // namespace
}  // namespace autocomp

namespace autocomp {
namespace {

// eval.score and backend_options.hardware: what they select, and errors
// naming the file and the key.
TEST(GemminiBackendOptions, ScoreKindAndHardwareAreCheckedAndNamed) {
  BackendContext ctx;
  ctx.home = AUTOCOMP_SOURCE_DIR;
  ctx.config_source = "sweep.json";
  ctx.eval.score = "instructions";
  auto counted = MakeGemminiBackend(ctx);
  ASSERT_TRUE(counted.ok()) << counted.status().ToString();
  auto p = (*counted)->LoadProblem({"gemmini", "exo", 0});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->score_unit, "instructions");
  ctx.eval.score = "time";
  auto bad_score = MakeGemminiBackend(ctx);
  ASSERT_FALSE(bad_score.ok());
  EXPECT_NE(bad_score.status().message().find("\"cycles\" or \"instructions\""), std::string::npos);
  ctx.eval.score = "";
  ctx.options = nlohmann::json{{"hardware", {{"preset", "lean"}, {"acc_rows", 3136}}}};
  auto lean = MakeGemminiBackend(ctx);
  ASSERT_TRUE(lean.ok()) << lean.status().ToString();
  ctx.options = nlohmann::json::object();
  auto plain = MakeGemminiBackend(ctx);
  ASSERT_TRUE(plain.ok());
  EXPECT_NE((*lean)->version(), (*plain)->version()) << "the hardware is part of what a score means";
  ctx.options = nlohmann::json{{"hardwre", {}}};
  auto typo = MakeGemminiBackend(ctx);
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.status().message().find("sweep.json: backend_options.hardwre: unknown gemmini option"), std::string::npos)
      << typo.status().message();
  ctx.options = nlohmann::json{{"hardware", {{"acc_rows", 1001}}}};
  auto odd = MakeGemminiBackend(ctx);
  ASSERT_FALSE(odd.ok());
  EXPECT_NE(odd.status().message().find("sweep.json: backend_options.hardware: "), std::string::npos)
      << odd.status().message();
}

}  // namespace
}  // namespace autocomp
