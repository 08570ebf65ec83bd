// tests/gemmini/gemmini_problems_test.cc — every problem of sols/gemmini:
// its baseline (and hand-tuned version, where there is one) builds with the
// problem's harness and passes its correctness check on the built-in model
// at the full problem size; tuned versions use fewer instructions.
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

INSTANTIATE_TEST_SUITE_P(Sols, ProblemTest, ::testing::ValuesIn(AllProblems()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (char& c : n) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
}  // namespace autocomp::gemmini::testing
