// tests/gemmini/gemmini_firesim_batch_test.cc
//
// The FireSim path's orchestration, through the real backend and sandbox:
// several candidates go into one workload run, a job that hangs is run
// again alone, a candidate the trusted simulator rejects never reaches
// FireSim, and each candidate gets its own result from its UART log.
// FireSim itself needs FPGAs and cannot run here: a stand-in manager
// (firesim_standin.py) runs each job on the built-in model and writes the
// UART logs in FireSim's layout. The adapter is unverified on a real FireSim.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "common/sandbox.h"
#include "gemmini_backend.h"

namespace autocomp {
namespace {
namespace fs = std::filesystem;

TEST(GemminiFiresimBatchTest, PacksCandidatesAndRetriesAHangAlone) {
  if (std::system("riscv64-unknown-elf-gcc --version > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "riscv64-unknown-elf-gcc not installed";
  }
  const fs::path dir = fs::temp_directory_path() / ("firesim-batch-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path config = dir / "config_runtime.yaml";
  std::ofstream(config) << "# stand-in runtime config\n";
  const fs::path log = dir / "manager.log";
  setenv("AUTOCOMP_FIRESIM", (fs::path(AUTOCOMP_SOURCE_DIR) / "tests/gemmini/firesim_standin.py").c_str(), 1);
  setenv("FIRESIM_STANDIN_LOG", log.c_str(), 1);
  setenv("FIRESIM_STANDIN_TIMEOUT", "5", 1);
  setenv("FIRESIM_STANDIN_HANG_ONCE", "cand1", 1);
  setenv("AUTOCOMP_GEMMINI_SIM", (fs::path(AUTOCOMP_BINARY_DIR) / "backends/gemmini/autocomp-gemmini-sim").c_str(), 1);

  Sandbox::Options so;
  so.shim_path = fs::path(AUTOCOMP_BINARY_DIR) / "autocomp-sandbox";
  auto sandbox = Sandbox::Create(so);
  ASSERT_TRUE(sandbox.ok());
  BackendContext ctx;
  ctx.home = AUTOCOMP_SOURCE_DIR;
  ctx.sandbox = *sandbox;
  ctx.cache_dir = dir / "cache";
  ctx.simulator = "firesim@" + config.string();
  ctx.eval.run_timeout_s = 8;
  auto backend = MakeGemminiBackend(ctx);
  ASSERT_TRUE(backend.ok()) << backend.status().ToString();
  ASSERT_EQ((*backend)->measure_batch_size(), 8);
  auto problem = (*backend)->LoadProblem({"gemmini", "exo", 0});
  ASSERT_TRUE(problem.ok());

  // The baseline, a tuned version, and one that never ends.
  std::ifstream tuned_file(fs::path(AUTOCOMP_SOURCE_DIR) / "sols/gemmini/exo/0/tuned.c");
  std::stringstream tuned;
  tuned << tuned_file.rdbuf();
  const std::string hang =
      "void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) {\n"
      "  for (;;) { __asm__ volatile(\"\"); }\n"
      "}\n";
  const std::vector<std::string> codes = {problem->baseline_code, tuned.str(), hang};
  std::vector<MeasureItem> items;
  for (size_t i = 0; i < codes.size(); ++i) {
    const fs::path scratch = dir / ("cand" + std::to_string(i));
    fs::create_directories(scratch);
    BuildResult b = (*backend)->Prepare(*problem, codes[i], scratch);
    ASSERT_TRUE(b.ok) << b.message << b.log;
    items.push_back({&*problem, scratch});
  }
  std::vector<EvalResult> results = (*backend)->MeasureBatch(items, Resource{});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].status, EvalStatus::kOk) << results[0].message << results[0].trace;
  EXPECT_EQ(results[1].status, EvalStatus::kOk) << results[1].message << results[1].trace;
  EXPECT_LT(*results[1].score, *results[0].score) << "the tuned version takes fewer cycles";
  EXPECT_EQ(results[0].metrics["cycles"], *results[0].score);
  EXPECT_EQ(results[2].status, EvalStatus::kTimeout) << results[2].message;  // by the trusted simulator

  // One workload for the two correct ones, then the job that hung alone.
  std::ifstream in(log);
  std::vector<std::string> runs;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("runworkload", 0) == 0) runs.push_back(line);
  }
  ASSERT_EQ(runs.size(), 2u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace autocomp
