// tests/gemmini/gemmini_problems_test.cc — every problem of sols/gemmini:
// its baseline (and hand-tuned version, where there is one) builds with the
// problem's harness and passes its correctness check on the built-in model
// at the full problem size; tuned versions use fewer instructions. The
// vendor-library versions (library.c: tiled_matmul_auto / tiled_conv_auto)
// pass too, and two of the original Autocomp's own files (tests/gemmini/data/
// autocomp) evaluate unchanged on exo/0.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "gemmini_problems.h"
#include "riscv_build.h"

namespace autocomp::gemmini::testing {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> AllProblems() {
  std::vector<std::string> ids;
  auto list = ListGemminiProblems(AUTOCOMP_SOURCE_DIR);
  if (list.ok()) for (const auto& p : *list) ids.push_back(p.id.ToString());
  return ids;
}

struct Measured {
  bool correct = false;
  uint64_t timed = 0;
  std::string output;
};

Measured BuildAndMeasure(const Problem& p, const std::string& code) {
  Measured m;
  const std::string solution = WriteSource("solution.c", "#include \"gemmini.h\"\n" + code);
  std::vector<std::string> flags = ProblemDefines(p);
  if (p.spec.value("config", "int8") == "fp32") flags.push_back("-DGEMMINI_FP32");
  auto config = p.spec.value("config", "int8") == "fp32" ? GemminiConfig::Fp32() : GemminiConfig::Int8();
  std::string log;
  nlohmann::json v = CheckSolution(p.spec["harness"].get<std::string>(), solution, flags, config, {1}, &log);
  m.output = v.dump() + "\n" + log;
  m.correct = v.value("status", "") == "ok";
  m.timed = v.value("instructions", 0ULL);
  return m;
}

class ProblemTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ProblemTest, BaselineAndTunedVersionsPassOnTheModel) {
  if (!HaveRiscvToolchain()) GTEST_SKIP() << "riscv64-unknown-elf-gcc or picolibc not installed";
  auto id = ProblemId::Parse(GetParam());
  ASSERT_TRUE(id.ok());
  auto p = LoadGemminiProblem(AUTOCOMP_SOURCE_DIR, *id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Measured base = BuildAndMeasure(*p, p->baseline_code);
  EXPECT_TRUE(base.correct) << base.output.substr(0, 2000);
  EXPECT_GT(base.timed, 0u);
  fs::path tuned = p->dir / "tuned.c";
  if (fs::exists(tuned)) {
    std::stringstream ss;
    ss << std::ifstream(tuned).rdbuf();
    Measured t = BuildAndMeasure(*p, ss.str());
    EXPECT_TRUE(t.correct) << t.output.substr(0, 2000);
    EXPECT_LT(t.timed, base.timed) << "the hand-tuned version should beat the baseline";
  }
}

std::string ReadFile(const fs::path& path) {
  std::stringstream ss;
  ss << std::ifstream(path).rdbuf();
  return ss.str();
}

// library.c: the problem through the library helpers, as Autocomp's
// vendor-library baselines call them (with the harness macros the problem's
// defines provide); one loop_ws / loop_conv_ws per tile, so far fewer
// instructions than the explicit baseline.
TEST_P(ProblemTest, LibraryVersionPassesOnTheModel) {
  if (!HaveRiscvToolchain()) GTEST_SKIP() << "riscv64-unknown-elf-gcc or picolibc not installed";
  auto id = ProblemId::Parse(GetParam());
  ASSERT_TRUE(id.ok());
  auto p = LoadGemminiProblem(AUTOCOMP_SOURCE_DIR, *id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  fs::path library = p->dir / "library.c";
  if (p->spec.value("kind", "") == "admm") GTEST_SKIP() << "admm problems have no vendor-library version";
  ASSERT_TRUE(fs::exists(library)) << library;
  Measured lib = BuildAndMeasure(*p, ReadFile(library));
  EXPECT_TRUE(lib.correct) << lib.output.substr(0, 2000);
  Measured base = BuildAndMeasure(*p, p->baseline_code);
  EXPECT_GT(lib.timed, 0u);
  EXPECT_LT(lib.timed, base.timed);
}

// Autocomp's sols/exo/sol0_gemmini_baseline.c and sol0_exo_opt.c, byte for
// byte: both forms (the vendor-library call through A_MATRIX_NAME & co., and
// the short API) build and pass on our exo/0.
TEST(AutocompFiles, EvaluateUnchangedOnExo0) {
  if (!HaveRiscvToolchain()) GTEST_SKIP() << "riscv64-unknown-elf-gcc or picolibc not installed";
  auto id = ProblemId::Parse("gemmini/exo/0");
  ASSERT_TRUE(id.ok());
  auto p = LoadGemminiProblem(AUTOCOMP_SOURCE_DIR, *id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const fs::path data = fs::path(AUTOCOMP_SOURCE_DIR) / "tests/gemmini/data/autocomp";
  Measured vendor = BuildAndMeasure(*p, ReadFile(data / "sol0_gemmini_baseline.c"));
  EXPECT_TRUE(vendor.correct) << vendor.output.substr(0, 2000);
  Measured ours = BuildAndMeasure(*p, ReadFile(p->dir / "library.c"));
  EXPECT_EQ(vendor.timed, ours.timed) << "the same call as our library.c";
  Measured opt = BuildAndMeasure(*p, ReadFile(data / "sol0_exo_opt.c"));
  EXPECT_TRUE(opt.correct) << opt.output.substr(0, 2000);
  EXPECT_GT(opt.timed, 0u);
}

INSTANTIATE_TEST_SUITE_P(Sols, ProblemTest, ::testing::ValuesIn(AllProblems()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (char& c : n) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace autocomp::gemmini::testing
