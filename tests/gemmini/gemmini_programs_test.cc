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

// The library helpers (include/gemmini.h): every tiled_matmul_auto type
// computes the gemm harness's C = sat8(A * B) on a shape with padded edges.
std::string MatmulSolution(const char* type) {
  return std::string(R"(
#include "gemmini.h"
void solution(int8_t A[40][72], int8_t B[72][24], int8_t C[40][24]) {
  tiled_matmul_auto(40, 24, 72, &A[0][0], &B[0][0], NULL, &C[0][0], 72, 24, 24, 24, MVIN_SCALE_IDENTITY,
                    MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, false, false,
                    false, false, false, 0, )") + type + R"();
  fence();
}
)";
}

uint64_t Funct(const nlohmann::json& verdict, const char* name) {
  const nlohmann::json& f = verdict["run"]["gemmini"]["by_funct"];
  return f.contains(name) ? f[name].get<uint64_t>() : 0;
}

TEST(LibraryHelperTest, TiledMatmulAutoIsCorrectForEveryType) {
  REQUIRE_TOOLCHAIN();
  const std::vector<std::string> flags = {"-DMAT_DIM_I=40", "-DMAT_DIM_K=72", "-DMAT_DIM_J=24"};
  for (const char* type : {"WS", "OS", "CPU"}) {
    std::string log;
    nlohmann::json v = CheckSolution("gemm", WriteSource("solution.c", MatmulSolution(type)), flags,
                                     GemminiConfig::Int8(), {1, 2}, &log);
    EXPECT_EQ(v.value("status", ""), "ok") << type << "\n" << v.dump() << log;
    if (std::string(type) == "WS") EXPECT_EQ(Funct(v, "loop_ws"), 1u) << v.dump();
    if (std::string(type) == "OS") {
      EXPECT_EQ(Funct(v, "loop_ws"), 0u);
      EXPECT_GT(Funct(v, "preload"), 0u) << v.dump();
    }
    if (std::string(type) == "CPU") EXPECT_EQ(v["run"]["gemmini"].value("instructions", 1), 0) << v.dump();
  }
}

// The tiling follows the configured sizes: a quarter of the accumulator
// (-DACC_ROWS=256) makes smaller tiles, so more loop_ws for the same matmul,
// still correct on the (larger) default model.
TEST(LibraryHelperTest, TiledMatmulAutoTilesFollowTheConfiguredSizes) {
  REQUIRE_TOOLCHAIN();
  const std::string solution = WriteSource("solution.c", R"(
#include "gemmini.h"
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  tiled_matmul_auto(256, 256, 256, &A[0][0], &B[0][0], NULL, &C[0][0], 256, 256, 256, 256, 1, 1, 1,
                    NO_ACTIVATION, 1, 0, false, false, false, false, false, 0, WS);
  fence();
}
)");
  std::vector<std::string> flags = {"-DMAT_DIM_I=256", "-DMAT_DIM_K=256", "-DMAT_DIM_J=256"};
  nlohmann::json base = CheckSolution("gemm", solution, flags);
  ASSERT_EQ(base.value("status", ""), "ok") << base.dump();
  flags.push_back("-DACC_ROWS=256");
  nlohmann::json small = CheckSolution("gemm", solution, flags);
  ASSERT_EQ(small.value("status", ""), "ok") << small.dump();
  // 16 x 16 x 16 blocks. Default (half the accumulator: 32 tiles of DIM rows): start 5 x 5 x 16, grow J to
  // 6 -> 4 x 3 tiles. ACC_ROWS 256 (8 tiles): start 2 x 2 x 16, grow J to 4 -> 8 x 4 tiles.
  EXPECT_EQ(Funct(base, "loop_ws"), 12u) << base.dump();
  EXPECT_EQ(Funct(small, "loop_ws"), 32u) << small.dump();
}

// tiled_conv_auto computes the conv harness's convolution (padding 1, bias,
// ReLU, scale 1/8), and its blocks follow the configured accumulator too.
TEST(LibraryHelperTest, TiledConvAutoPassesTheConvHarness) {
  REQUIRE_TOOLCHAIN();
  const std::string solution = WriteSource("solution.c", R"(
#include "gemmini.h"
void solution(int8_t input[2][10][10][32], int8_t weights[3][3][32][48], int32_t bias[48],
              int8_t output[2][10][10][48]) {
  tiled_conv_auto(2, 10, 10, 32, 48, 10, 10, 1, 1, 1, 1, 3, false, false, false, false, false, &input[0][0][0][0],
                  &weights[0][0][0][0], bias, &output[0][0][0][0], RELU, 0.125f, 0, 0, 0, WS);
  fence();
}
)");
  std::vector<std::string> flags = {"-DCONV_N=2", "-DCONV_H=10", "-DCONV_W=10", "-DCONV_C=32", "-DCONV_K=48"};
  std::string log;
  nlohmann::json v = CheckSolution("conv", solution, flags, GemminiConfig::Int8(), {1, 2}, &log);
  ASSERT_EQ(v.value("status", ""), "ok") << v.dump() << log;
  EXPECT_GT(Funct(v, "loop_conv_ws"), 0u);
  flags.push_back("-DACC_ROWS=256");
  nlohmann::json small = CheckSolution("conv", solution, flags);
  ASSERT_EQ(small.value("status", ""), "ok") << small.dump();
  EXPECT_GT(Funct(small, "loop_conv_ws"), Funct(v, "loop_conv_ws")) << v.dump() << "\n" << small.dump();
}

// What the library rejects stops the program with a message, never a wrong result.
TEST(LibraryHelperTest, UnsupportedRequestsFailClearly) {
  REQUIRE_TOOLCHAIN();
  auto run = BuildAndRun(R"(
#include "gemmini.h"
static int8_t in[1][4][4][16], w[3][3][16][16], out[1][4][4][16];
int main(void) {
  tiled_conv_auto(1, 4, 4, 16, 16, 4, 4, 1, 1, 1, 1, 3, false, false, false, false, false, &in[0][0][0][0],
                  &w[0][0][0][0], NULL, &out[0][0][0][0], NO_ACTIVATION, 1, 0, 0, 0, OS);
  return 0;
}
)");
  EXPECT_NE(run.output.find("gemmini.h: tiled_conv: Gemmini convs do not currently support OS"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("TRAP: breakpoint"), std::string::npos) << run.output;
  EXPECT_NE(run.result.exit_code, 0);
}

}  // namespace
}  // namespace autocomp::gemmini::testing
