// tests/cpu/cpu_backend_test.cc
//
// The cpu backend builds, checks and times real candidates: correct code
// scores, wrong code is rejected with a reason, faster code scores better,
// and each kind of failure gets its own status.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "cpu_test_env.h"

namespace autocomp {
namespace {

namespace fs = std::filesystem;

class CpuBackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EvalOptions eval;
    eval.repeats = 3;
    eval.run_timeout_s = 20;
    backend_ = testing_env::MakeTestCpuBackend(eval);
    ASSERT_TRUE(backend_);
  }

  EvalResult Evaluate(const std::string& problem_id, const std::string& code) {
    auto id = ProblemId::Parse(problem_id);
    EXPECT_TRUE(id.ok());
    auto problem = backend_->LoadProblem(*id);
    EXPECT_TRUE(problem.ok()) << problem.status().ToString();
    auto scratch = ScratchDir::Create(fs::temp_directory_path() / "autocomp-cpu-test", "c");
    EXPECT_TRUE(scratch.ok());
    BuildResult build = backend_->Prepare(*problem, code, scratch->path());
    if (!build.ok) {
      EvalResult r;
      r.status = build.status;
      r.message = build.message;
      r.trace = build.log;
      return r;
    }
    return backend_->Measure(*problem, scratch->path(), Resource{}, MeasureOptions{});
  }

  std::string Baseline(const std::string& problem_id) {
    return backend_->LoadProblem(*ProblemId::Parse(problem_id))->baseline_code;
  }

  std::unique_ptr<Backend> backend_;
};

TEST_F(CpuBackendTest, ListsEveryProblemSetWithShapes) {
  auto problems = backend_->ListProblems();
  ASSERT_TRUE(problems.ok());
  bool found = false;
  for (const auto& p : *problems) {
    if (p.id.ToString() == "cpu/gemm/0") {
      found = true;
      EXPECT_EQ(p.description, "gemm M=512 N=512 K=512");
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(CpuBackendTest, UnknownProblemNamesTheKnownOnes) {
  auto missing = backend_->LoadProblem({"cpu", "gemm", 99});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "cpu/gemm has no problem 99 (known: 0, 1, 2, 3, 4, 5)");
  auto no_set = backend_->LoadProblem({"cpu", "fft", 0});
  ASSERT_FALSE(no_set.ok());
  EXPECT_EQ(no_set.status().message(), "cpu has no problem set 'fft' (known: conv2d, gemm, softmax)");
}

TEST_F(CpuBackendTest, EveryBaselineIsCorrect) {
  for (const char* id : {"cpu/gemm/4", "cpu/gemm/3", "cpu/conv2d/2", "cpu/softmax/2"}) {
    EvalResult r = Evaluate(id, Baseline(id));
    EXPECT_EQ(r.status, EvalStatus::kOk) << id << ": " << r.message << "\n" << r.trace;
    ASSERT_TRUE(r.score.has_value()) << id;
    EXPECT_GT(*r.score, 0);
    EXPECT_EQ(r.metrics["repeats"], 3);
    EXPECT_TRUE(r.metrics.contains("cv"));
    EXPECT_TRUE(r.metrics.contains("min_s"));
  }
}

TEST_F(CpuBackendTest, WrongResultIsRejectedWithTheFirstBadElement) {
  // Skips the last k term.
  std::string code = R"(void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i) for (int j = 0; j < N; ++j) {
    float s = 0; for (int k = 0; k < K - 1; ++k) s += A[i*K+k] * B[k*N+j]; C[i*N+j] = s; }
})";
  EvalResult r = Evaluate("cpu/gemm/4", code);
  EXPECT_EQ(r.status, EvalStatus::kWrongAnswer);
  EXPECT_FALSE(r.score.has_value());
  EXPECT_NE(r.message.find("wrong answer: call 1: output C[0][0] is"), std::string::npos) << r.message;
}

TEST_F(CpuBackendTest, UnwrittenOutputIsWrong) {
  std::string code = R"(void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M - 1; ++i) for (int j = 0; j < N; ++j) {
    float s = 0; for (int k = 0; k < K; ++k) s += A[i*K+k] * B[k*N+j]; C[i*N+j] = s; }
})";
  EvalResult r = Evaluate("cpu/gemm/4", code);
  EXPECT_EQ(r.status, EvalStatus::kWrongAnswer);
  EXPECT_NE(r.message.find("C[63][0] is nan"), std::string::npos) << r.message;
}

TEST_F(CpuBackendTest, WritingPastTheOutputIsWrong) {
  std::string code = R"(void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i) for (int j = 0; j < N; ++j) {
    float s = 0; for (int k = 0; k < K; ++k) s += A[i*K+k] * B[k*N+j]; C[i*N+j] = s; }
  C[M * N + 3] = 0.0f;
})";
  EvalResult r = Evaluate("cpu/gemm/4", code);
  EXPECT_EQ(r.status, EvalStatus::kWrongAnswer);
  EXPECT_NE(r.message.find("wrote outside its output buffer"), std::string::npos) << r.message;
}

TEST_F(CpuBackendTest, ModifiedInputIsWrong) {
  std::string code = R"(void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i) for (int j = 0; j < N; ++j) {
    float s = 0; for (int k = 0; k < K; ++k) s += A[i*K+k] * B[k*N+j]; C[i*N+j] = s; }
  ((float*)A)[0] = 42.0f;
})";
  EvalResult r = Evaluate("cpu/gemm/4", code);
  EXPECT_EQ(r.status, EvalStatus::kWrongAnswer);
  EXPECT_NE(r.message.find("modified its input"), std::string::npos) << r.message;
}

TEST_F(CpuBackendTest, TamperedHarnessCacheIsRebuiltBeforeUse) {
  // Contract item 5 (docs/evaluation.md): a trusted file that no longer
  // matches its checksum is never used; the folder is built again.
  const std::string code = R"(void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i) for (int j = 0; j < N; ++j) {
    float s = 0; for (int k = 0; k < K; ++k) s += A[i*K+k] * B[k*N+j]; C[i*N+j] = s; }
})";
  ASSERT_EQ(Evaluate("cpu/gemm/4", code).status, EvalStatus::kOk);
  namespace fs = std::filesystem;
  // The folder this build uses: the newest gemm one (older keys may linger).
  fs::path folder;
  for (const auto& e : fs::directory_iterator(fs::temp_directory_path() / "autocomp-test-cache")) {
    if (e.path().filename().string().rfind("cpu-harness-gemm-", 0) != 0) continue;
    if (folder.empty() || fs::last_write_time(e.path() / "manifest") > fs::last_write_time(folder / "manifest")) {
      folder = e.path();
    }
  }
  ASSERT_FALSE(folder.empty());
  const fs::path reference = folder / "reference.so";
  const auto size = fs::file_size(reference);
  fs::permissions(reference, fs::perms::owner_write, fs::perm_options::add);
  std::ofstream(reference, std::ios::binary | std::ios::trunc) << "not the reference";
  EXPECT_EQ(Evaluate("cpu/gemm/4", code).status, EvalStatus::kOk);
  EXPECT_EQ(fs::file_size(reference), size) << "rebuilt from the sources";
}

TEST_F(CpuBackendTest, CompileErrorKeepsTheCompilerLog) {
  EvalResult r = Evaluate("cpu/gemm/4", "void gemm(int M) { this is not C; }");
  EXPECT_EQ(r.status, EvalStatus::kCompileError);
  EXPECT_EQ(r.message, "did not compile");
  EXPECT_NE(r.trace.find("error"), std::string::npos) << r.trace;
}

TEST_F(CpuBackendTest, CrashIsARuntimeErrorNamingTheSignal) {
  std::string code = "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {"
                     " *(volatile int*)0 = M; }";
  EvalResult r = Evaluate("cpu/gemm/4", code);
  EXPECT_EQ(r.status, EvalStatus::kRuntimeError);
  EXPECT_EQ(r.message, "the candidate in call 1: killed by signal 11 (SIGSEGV)");
}

TEST_F(CpuBackendTest, HangIsATimeout) {
  EvalOptions eval;
  eval.run_timeout_s = 1;
  backend_ = testing_env::MakeTestCpuBackend(eval);
  std::string code = "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {"
                     " for (;;) { __asm__ volatile(\"\"); } }";
  EvalResult r = Evaluate("cpu/gemm/4", code);
  EXPECT_EQ(r.status, EvalStatus::kTimeout);
}

TEST_F(CpuBackendTest, EarlyExitIsNotMistakenForSuccess) {
  // exit() is not among the calls a candidate may make; a raw exit system call
  // gets past the link check and must still not count as a finished call.
  std::string code = "void gemm(int M, int N, int K, const float* A, const float* B, float* C) {"
                     " __asm__ volatile(\"syscall\" :: \"a\"(231), \"D\"(0)); }";
  EvalResult r = Evaluate("cpu/gemm/4", code);
  EXPECT_EQ(r.status, EvalStatus::kRuntimeError);
  EXPECT_EQ(r.message, "the candidate in call 1: exited with code 0");
}

TEST_F(CpuBackendTest, CppCandidateBuilds) {
  std::string code = R"(#include <algorithm>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  std::fill(C, C + M * N, 0.0f);
  for (int i = 0; i < M; ++i) for (int k = 0; k < K; ++k) for (int j = 0; j < N; ++j)
    C[i * N + j] += A[i * K + k] * B[k * N + j];
})";
  EvalResult r = Evaluate("cpu/gemm/4", code);
  EXPECT_EQ(r.status, EvalStatus::kOk) << r.message << r.trace;
}

TEST_F(CpuBackendTest, FasterCodeScoresBetter) {
  // i-k-j order vectorizes; on 512^3 it is several times faster than the naive baseline.
  std::string ikj = R"(void gemm(int M, int N, int K, const float* restrict A, const float* restrict B, float* restrict C) {
  for (int i = 0; i < M; ++i) {
    float* c = C + i * N;
    for (int j = 0; j < N; ++j) c[j] = 0.0f;
    for (int k = 0; k < K; ++k) { float a = A[i * K + k]; const float* b = B + k * N;
      for (int j = 0; j < N; ++j) c[j] += a * b[j]; }
  }
})";
  EvalResult naive = Evaluate("cpu/gemm/0", Baseline("cpu/gemm/0"));
  EvalResult fast = Evaluate("cpu/gemm/0", ikj);
  ASSERT_EQ(naive.status, EvalStatus::kOk) << naive.message;
  ASSERT_EQ(fast.status, EvalStatus::kOk) << fast.message;
  EXPECT_LT(*fast.score * 2, *naive.score) << "naive " << *naive.score << " s, ikj " << *fast.score << " s";
}

TEST_F(CpuBackendTest, InstructionCountIsDeterministic) {
  EvalOptions eval;
  eval.score = "instructions";
  backend_ = testing_env::MakeTestCpuBackend(eval);
  EvalResult a = Evaluate("cpu/gemm/4", Baseline("cpu/gemm/4"));
  EvalResult b = Evaluate("cpu/gemm/4", Baseline("cpu/gemm/4"));
  ASSERT_EQ(a.status, EvalStatus::kOk) << a.message << a.trace;
  ASSERT_EQ(b.status, EvalStatus::kOk) << b.message;
  EXPECT_EQ(*a.score, *b.score);
  EXPECT_EQ(backend_->LoadProblem({"cpu", "gemm", 4})->score_unit, "instructions");
  // 64x48x40 multiply-adds need at least one instruction each.
  EXPECT_GT(*a.score, 64.0 * 48 * 40);
}

}  // namespace
}  // namespace autocomp
