// tests/gemmini/gemmini_tuner_grid_test.cc — every kernel the offline tuner
// can write for exo-conv and admm-multifunction is correct on the built-in
// simulator: a grid of conv knob settings per exo-conv problem (every
// setting the grid names that is valid for the shape), every valid admm
// setting per admm problem, checked against the problem's reference exactly
// as the backend checks candidates. The admm hand-tuned versions (tuned.c)
// must be correct and beat the baseline in instructions and estimated cycles.
// Scores are printed, not pinned (the timing model is being recalibrated).
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "admm_codegen.h"
#include "conv_codegen.h"
#include "gemmini_problems.h"
#include "riscv_build.h"
#include "sim/reference_check.h"

namespace autocomp::gemmini::testing {
namespace {
namespace fs = std::filesystem;

// One problem's harness and reference, built once; candidates checked against it.
class Checker {
 public:
  explicit Checker(const Problem& p) : p_(p) {
    flags_ = ProblemDefines(p);
    fp32_ = p.spec.value("config", "int8") == "fp32";
    if (fp32_) flags_.push_back("-DGEMMINI_FP32");
    harness_ = SourceDir() + "/backends/gemmini/harness/" + p.spec["harness"].get<std::string>();
    std::vector<std::string> ref_flags = flags_;
    ref_flags.push_back("-Dreference=solution");
    std::string log;
    auto elf = BuildProgram({harness_ + "_harness.c", harness_ + "_reference.c"}, ref_flags, &log);
    EXPECT_TRUE(elf) << log;
    if (elf) {
      auto image = ElfImage::Load(elf->string());
      EXPECT_TRUE(image.ok());
      if (image.ok()) reference_.emplace(std::move(*image));
    }
  }

  nlohmann::json Check(const std::string& code) const {
    if (!reference_) return {{"status", "infra_error"}};
    const std::string src = WriteSource("solution.c", "#include \"gemmini.h\"\n" + code);
    std::string log;
    auto elf = BuildProgram({harness_ + "_harness.c", src}, flags_, &log);
    if (!elf) return {{"status", "compile_error"}, {"message", log}};
    auto image = ElfImage::Load(elf->string());
    if (!image.ok()) return {{"status", "infra_error"}};
    ReferenceCheckOptions options;
    options.machine.config = fp32_ ? GemminiConfig::Fp32() : GemminiConfig::Int8();
    options.machine.max_instructions = 2000000000ULL;
    options.compare_as_float = fp32_;
    return CheckAgainstReference(*image, *reference_, options);
  }

 private:
  const Problem& p_;
  std::vector<std::string> flags_;
  bool fp32_ = false;
  std::string harness_;
  std::optional<ElfImage> reference_;
};

Problem Load(const std::string& set, int index) {
  auto p = LoadGemminiProblem(AUTOCOMP_SOURCE_DIR, {"gemmini", set, index});
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : Problem{};
}

std::string ReadFile(const fs::path& path) {
  std::stringstream ss;
  ss << std::ifstream(path).rdbuf();
  return ss.str();
}

void Print(const std::string& what, const nlohmann::json& v) {
  std::printf("  %-60s %-8s %10llu instructions %12llu cycles (model)\n", what.c_str(),
              v.value("status", "?").c_str(), (unsigned long long)v.value("instructions", 0ULL),
              (unsigned long long)v.value("cycle_estimate", 0ULL));
}

class ConvGridTest : public ::testing::TestWithParam<int> {};

TEST_P(ConvGridTest, EveryGridSettingIsCorrect) {
  if (!HaveRiscvToolchain()) GTEST_SKIP() << "riscv64-unknown-elf-gcc or picolibc not installed";
  Problem p = Load("exo-conv", GetParam());
  const auto& d = p.spec["dims"];
  const ConvShape s{d["N"], d["H"], d["W"], d["C"], d["K"]};
  Checker checker(p);
  // Covers each knob on and off in both code shapes, with row and channel tiles.
  const std::vector<ConvKnobs> grid = {
      {false, 1, 1, false, false}, {false, 2, 1, false, false}, {false, 2, 2, true, false},
      {false, 7, 1, true, true},   {false, 1, 4, false, true},  {false, 4, 2, false, true},
      {true, 1, 1, false, false},  {true, 2, 1, true, false},   {true, 7, 1, true, true},
      {true, 2, 2, false, true},   {true, 4, 1, false, false},  {true, 14, 1, true, true},
  };
  int valid = 0;
  for (const ConvKnobs& k : grid) {
    if (!ConvKnobsValid(s, k)) continue;
    ++valid;
    const std::string code = GenerateConv(s, k, p.spec["signature"]);
    nlohmann::json v = checker.Check(code);
    Print(ConvKnobComment(k).substr(3), v);
    EXPECT_EQ(v.value("status", ""), "ok") << ConvKnobComment(k) << "\n" << v.dump().substr(0, 1500);
  }
  EXPECT_GE(valid, 9) << "the grid should exercise most settings on every problem";
}

INSTANTIATE_TEST_SUITE_P(ExoConv, ConvGridTest, ::testing::Values(0, 1, 2, 3));

class AdmmGridTest : public ::testing::TestWithParam<int> {};

TEST_P(AdmmGridTest, EveryValidSettingIsCorrectAndTheTunedVersionBeatsTheBaseline) {
  if (!HaveRiscvToolchain()) GTEST_SKIP() << "riscv64-unknown-elf-gcc or picolibc not installed";
  const int index = GetParam();
  Problem p = Load("admm-multifunction", index);
  const int problem = p.spec["defines"]["ADMM_PROBLEM"], steps = p.spec["defines"]["ADMM_NH"];
  Checker checker(p);
  nlohmann::json base = checker.Check(p.baseline_code);
  Print("baseline", base);
  ASSERT_EQ(base.value("status", ""), "ok") << base.dump().substr(0, 1500);
  int valid = 0;
  for (int bits = 0; bits < 64; ++bits) {
    AdmmKnobs k{true, bool(bits & 1), bool(bits & 2), bool(bits & 4), bool(bits & 8), (bits >> 4) & 1,
                bool(bits & 32)};
    if (!AdmmKnobsValid(problem, steps, k)) continue;
    ++valid;
    nlohmann::json v = checker.Check(GenerateAdmm(problem, steps, k, p.spec["signature"]));
    Print(AdmmKnobComment(k).substr(3), v);
    EXPECT_EQ(v.value("status", ""), "ok") << AdmmKnobComment(k) << "\n" << v.dump().substr(0, 1500);
  }
  EXPECT_EQ(valid, problem == 0 ? 16 : 48);
  const fs::path tuned = p.dir / "tuned.c";
  ASSERT_TRUE(fs::exists(tuned)) << tuned;
  nlohmann::json t = checker.Check(ReadFile(tuned));
  Print("tuned.c", t);
  ASSERT_EQ(t.value("status", ""), "ok") << t.dump().substr(0, 1500);
  EXPECT_LT(t.value("instructions", 0ULL), base.value("instructions", 0ULL));
  EXPECT_LT(t.value("cycle_estimate", 0ULL), base.value("cycle_estimate", 0ULL));
}

INSTANTIATE_TEST_SUITE_P(Admm, AdmmGridTest, ::testing::Values(0, 1, 2));

}  // namespace
}  // namespace autocomp::gemmini::testing
