// tests/gemmini/gemmini_programs_test.cc — whole bare-metal programs,
// cross-compiled with the gemmini runtime, on the built-in simulator.
#include <gtest/gtest.h>

#include "riscv_build.h"

namespace autocomp::gemmini::testing {
namespace {

#define REQUIRE_TOOLCHAIN()                                                          \
  if (!HaveRiscvToolchain()) GTEST_SKIP() << "riscv64-unknown-elf-gcc or picolibc not installed"

ProgramRun BuildAndRun(const std::string& code, const std::vector<std::string>& flags = {},
                       GemminiConfig config = GemminiConfig::Int8(), bool spike_log = false) {
  std::string log;
  auto elf = BuildProgram({WriteSource("main.c", code)}, flags, &log);
  EXPECT_TRUE(elf.has_value()) << log;
  if (!elf) return {};
  return RunProgram(*elf, config, spike_log);
}

TEST(ProgramTest, EveryGemminiInstructionCountsOneInTheCycleCsr) {
  REQUIRE_TOOLCHAIN();
  auto run = BuildAndRun(R"(
#include <stdio.h>
#include "gemmini.h"
int main(void) {
  uint64_t a = read_cycles();
  __asm__ volatile(".rept 10\n .insn r 0x7b, 3, 7, x0, x0, x0\n .endr");
  uint64_t b = read_cycles();
  __asm__ volatile(".rept 25\n nop\n .endr");
  uint64_t c = read_cycles();
  printf("%d %d\n", (int)(b - a), (int)(c - b));
  return 0;
}
)");
  EXPECT_EQ(run.output, "11 26\n");
  EXPECT_EQ(run.result.stop, RunResult::Stop::kExited);
  EXPECT_EQ(run.result.gemmini.instructions, 10u);
}

// Expected values from the RISC-V specification (and identical on Spike).
TEST(ProgramTest, IntegerAndFloatingPointEdgeCases) {
  REQUIRE_TOOLCHAIN();
  auto run = BuildAndRun(R"(
#include <stdio.h>
#include <stdint.h>
#include <math.h>
volatile int64_t big = INT64_MIN, m1 = -1, zero = 0;
volatile double dn = NAN, dbig = 1e30, dhalf = 2.5, dneg = -2.5;
volatile float fa = 0.1f, fb = 0.2f, fz = -0.0f, fp = 0.0f;
int main(void) {
  printf("%lld %lld %lld %lld\n", (long long)(big / m1), (long long)(big % m1), (long long)(big / zero), (long long)(big % zero));
  printf("%lld %lld %d\n", (long long)dn, (long long)dbig, (int)(unsigned)(-dbig > 0 ? 1 : 0));
  printf("%ld %ld %ld\n", lrint(dhalf), lrint(dneg), lround(dneg));
  printf("%.9g %a %a\n", (double)(fa + fb), (double)fminf(fz, fp), (double)fmaxf(fz, fp));
  printf("%.17g %.17g\n", sqrt(2.0), fma(0.1, 0.2, 0.3));
  return 0;
}
)");
  EXPECT_EQ(run.output,
            "-9223372036854775808 0 -1 -9223372036854775808\n"
            "9223372036854775807 9223372036854775807 0\n"
            "2 -2 -3\n"
            "0.300000012 -0x0p+0 0x0p+0\n"
            "1.4142135623730951 0.32\n");
}

TEST(ProgramTest, TrapsAreReportedWithCauseAndPc) {
  REQUIRE_TOOLCHAIN();
  auto run = BuildAndRun(R"(
#include <stdint.h>
int main(void) { return *(volatile int*)(uintptr_t)8; }
)");
  EXPECT_NE(run.output.find("TRAP: load access fault (mcause 5)"), std::string::npos) << run.output;
  EXPECT_EQ(run.result.exit_code, 134);
}

TEST(ProgramTest, GemminiErrorsStopTheRunAndNameTheFunction) {
  REQUIRE_TOOLCHAIN();
  auto run = BuildAndRun(R"(
#include "gemmini.h"
static int8_t buf[32][16];
__attribute__((noinline)) void solution(void) { mvin(buf, 0, 16, 17); }
int main(void) { gemmini_config_ld(16); solution(); return 0; }
)");
  EXPECT_EQ(run.result.stop, RunResult::Stop::kGemminiError);
  EXPECT_NE(run.result.message.find("mvin at pc 0x"), std::string::npos) << run.result.message;
  EXPECT_NE(run.result.message.find("(in solution)"), std::string::npos) << run.result.message;
  EXPECT_NE(run.result.message.find("rows 17 > DIM 16"), std::string::npos) << run.result.message;
}

TEST(ProgramTest, SpikeSettingPrintsMvinAndMvoutLinesInProgramOrder) {
  REQUIRE_TOOLCHAIN();
  auto run = BuildAndRun(R"(
#include <stdio.h>
#include "gemmini.h"
static int8_t a[16][16] row_align(1);
int main(void) {
  printf("before\n");
  gemmini_config_ld(16);
  gemmini_config_st(16);
  mvin(a, 0, 16, 16);
  mvout(a, 0, 16, 16);
  gemmini_fence();
  printf("after\n");
  return 0;
}
)", {}, GemminiConfig::Int8(), /*spike_log=*/true);
  const size_t before = run.output.find("before\n"), mvin = run.output.find("GEMMINI: mvin - 0x10 cols and 0x10 rows");
  const size_t mvout = run.output.find("GEMMINI: mvout - 0x10 cols and 0x10 rows from 0x10001000000000"),
               after = run.output.find("after\n");
  ASSERT_NE(mvin, std::string::npos) << run.output;
  ASSERT_NE(mvout, std::string::npos) << run.output;
  EXPECT_LT(before, mvin);
  EXPECT_LT(mvin, mvout);
  EXPECT_LT(mvout, after);
}

// The gemm harness with the fast (loop_ws) and the plain CPU reference agree,
// and a simple tiled solution passes with either.
TEST(ProgramTest, GemmHarnessReferencesAgree) {
  REQUIRE_TOOLCHAIN();
  const std::string solution = WriteSource("solution.c", R"(
#include "gemmini.h"
void solution(int8_t A[48][80], int8_t B[80][32], int8_t C[48][32]) {
  tiled_matmul_auto(48, 32, 80, &A[0][0], &B[0][0], NULL, &C[0][0], 80, 32, 32, 32, 1, 1, 1, NO_ACTIVATION, 1, 0,
                    false, false, false, false, false, 0, WS);
}
)");
  // The loop_ws reference is the one the backend uses; the CPU triple loop checks it.
  for (const char* ref : {"", "-DREFERENCE_CPU"}) {
    std::vector<std::string> flags = {"-DMAT_DIM_I=48", "-DMAT_DIM_K=80", "-DMAT_DIM_J=32"};
    if (*ref) flags.push_back(ref);
    std::string log;
    nlohmann::json v = CheckSolution("gemm", solution, flags, GemminiConfig::Int8(), {1, 2}, &log);
    EXPECT_EQ(v.value("status", ""), "ok") << ref << "\n" << v.dump() << log;
  }
}

}  // namespace
}  // namespace autocomp::gemmini::testing
