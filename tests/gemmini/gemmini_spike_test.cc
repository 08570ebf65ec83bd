// tests/gemmini/gemmini_spike_test.cc — the `spike@PATH` simulator on a real
// Spike with libgemmini: on every exo problem, baseline and tuned, Spike's own
// verdict and timed instruction count must equal the built-in check's; a wrong
// answer gets both verdicts and Spike's count, equal to the built-in model's
// count of the same seeded program. Needs AUTOCOMP_TEST_SPIKE=<prefix>/bin/spike
// with <prefix>/lib/libgemmini.so (../shared/tools/reference-spike.sh builds
// one); skipped with the reason otherwise. Prints the comparison table.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>

#include "common/sandbox.h"
#include "gemmini_backend.h"
#include "sim/elf_image.h"
#include "sim/machine.h"

namespace autocomp {
namespace {
namespace fs = std::filesystem;

std::string ReadText(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class GemminiSpikeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* spike = std::getenv("AUTOCOMP_TEST_SPIKE");
    if (!spike || !*spike) GTEST_SKIP() << "AUTOCOMP_TEST_SPIKE is not set (a real Spike with libgemmini in ../lib)";
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
    ctx.simulator = std::string("spike@") + spike;
    ctx.cache_dir = fs::temp_directory_path() / ("gemmini-spike-test-" + std::to_string(::getpid()));
    ctx.eval.run_timeout_s = 120;
    ctx.eval.build_timeout_s = 120;
    auto b = MakeGemminiBackend(ctx);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    backend_ = std::move(*b);
    Status env = backend_->CheckEnvironment();
    ASSERT_TRUE(env.ok()) << env.ToString();
  }

  // Builds and measures `code`; `seeded_count` gets the built-in model's count
  // of the seeded program Spike ran (run here, outside the backend).
  EvalResult Evaluate(const Problem& problem, const std::string& code, uint64_t* seeded_count = nullptr) {
    fs::path scratch = fs::temp_directory_path() / ("gemmini-spike-" + std::to_string(::getpid()) + "-" + std::to_string(n_++));
    fs::create_directories(scratch);
    BuildResult b = backend_->Prepare(problem, code, scratch);
    EvalResult r;
    if (!b.ok) {
      r.status = b.status;
      r.message = b.message + "\n" + b.log;
    } else {
      r = backend_->Measure(problem, scratch, Resource{}, MeasureOptions{});
      if (seeded_count) {
        auto image = gemmini::ElfImage::Load((scratch / "prog-seeded.elf").string());
        if (image.ok()) {
          gemmini::MachineOptions m;
          m.measure_function = "solution";
          auto machine = gemmini::Machine::Create(*image, m);
          if (machine.ok()) *seeded_count = (*machine)->Run().measured.instructions;
        }
      }
    }
    fs::remove_all(scratch);
    return r;
  }

  std::unique_ptr<Backend> backend_;
  int n_ = 0;
};

TEST_F(GemminiSpikeTest, VerdictsAndCountsEqualTheBuiltInOnTheExoProblems) {
  std::cout << "| problem | version | built-in instructions | real-Spike instructions | built-in verdict | "
               "Spike verdict | equal |\n|---|---|---|---|---|---|---|\n";
  for (int index = 0; index < 6; ++index) {
    auto problem = backend_->LoadProblem({"gemmini", "exo", index});
    ASSERT_TRUE(problem.ok()) << problem.status().ToString();
    for (const char* version : {"baseline", "tuned"}) {
      const fs::path file = fs::path(AUTOCOMP_SOURCE_DIR) / "sols" / "gemmini" / "exo" / std::to_string(index) /
                            (std::string(version) + ".c");
      EvalResult r = Evaluate(*problem, ReadText(file));
      SCOPED_TRACE("exo/" + std::to_string(index) + " " + version + ": " + r.message);
      ASSERT_EQ(r.status, EvalStatus::kOk) << r.trace;
      ASSERT_TRUE(r.metrics.contains("spike_timed_instructions")) << r.metrics.dump();
      const uint64_t builtin = r.metrics["timed_instructions"].get<uint64_t>();
      const uint64_t spike = r.metrics["spike_timed_instructions"].get<uint64_t>();
      const std::string spike_verdict = r.metrics.value("spike_verdict", "");
      std::cout << "| exo/" << index << " | " << version << " | " << builtin << " | " << spike << " | ok | "
                << spike_verdict << " | " << (builtin == spike && spike_verdict == "ok" ? "yes" : "NO") << " |"
                << std::endl;
      EXPECT_EQ(spike_verdict, "ok");
      EXPECT_EQ(spike, builtin);
      // Spike's own instret difference agrees with its instruction log.
      EXPECT_EQ(r.metrics.value("spike_minstret_delta", uint64_t{0}), spike);
      EXPECT_GT(r.metrics.value("mvin_lines", 0L), 0L);
    }
  }
}

TEST_F(GemminiSpikeTest, AWrongAnswerIsWrongOnBothAndCountedOnSpike) {
  auto problem = backend_->LoadProblem({"gemmini", "exo", 0});
  ASSERT_TRUE(problem.ok());
  // Right shape, wrong values: C is filled with zeros on the CPU.
  const std::string code =
      "void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) {\n"
      "  for (int i = 0; i < 512; i++)\n"
      "    for (int j = 0; j < 512; j++) C[i][j] = (int8_t)(A[i][0] & 0);\n"
      "}\n";
  uint64_t builtin = 0;
  EvalResult r = Evaluate(*problem, code, &builtin);
  EXPECT_EQ(r.status, EvalStatus::kWrongAnswer) << r.message;
  EXPECT_EQ(r.metrics.value("spike_verdict", ""), "wrong_answer") << r.message;
  EXPECT_NE(r.metrics.value("spike_message", "").find("elements of C differ"), std::string::npos);
  ASSERT_TRUE(r.metrics.contains("spike_timed_instructions")) << r.metrics.dump();
  const uint64_t spike = r.metrics["spike_timed_instructions"].get<uint64_t>();
  std::cout << "| exo/0 | zero-fill (wrong) | " << builtin << " | " << spike << " | wrong_answer | "
            << r.metrics.value("spike_verdict", "") << " | " << (builtin == spike ? "yes" : "NO") << " |" << std::endl;
  EXPECT_GT(spike, 512u * 512u);
  EXPECT_EQ(spike, builtin);
}

}  // namespace
}  // namespace autocomp
