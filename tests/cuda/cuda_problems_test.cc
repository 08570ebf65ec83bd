// tests/cuda/cuda_problems_test.cc — finding and reading KernelBench-format problem files:
// our own set with its CI sizes, a checkout laid out as KernelBench lays it out, and the errors.
#include "cuda/cuda_problems.h"

#include <fstream>

#include <gtest/gtest.h>

namespace autocomp::cuda {
namespace {

namespace fs = std::filesystem;

constexpr const char* kKernelBenchStyle = R"(import torch
import torch.nn as nn

class Model(nn.Module):
    def __init__(self):
        super(Model, self).__init__()

    def forward(self, A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
        return torch.matmul(A, B)

N = 2048 * 2  # a comment
scale = 0.5
name = "not a size"

def get_inputs():
    return [torch.rand(N, N), torch.rand(N, N)]

def get_init_inputs():
    return []
)";

fs::path MakeCheckout() {
  const fs::path root = fs::temp_directory_path() / ("autocomp-kb-" + std::to_string(getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "KernelBench/level1");
  fs::create_directories(root / "KernelBench/level3");
  std::ofstream(root / "KernelBench/level1/1_Square_matrix_multiplication_.py") << kKernelBenchStyle;
  std::ofstream(root / "KernelBench/level1/12_Other.py") << kKernelBenchStyle;
  std::ofstream(root / "KernelBench/level1/README.md") << "not a problem\n";
  std::ofstream(root / "KernelBench/level3/4_Net.py") << kKernelBenchStyle;
  return root;
}

TEST(CudaProblemsTest, ModuleSizesAreTheTopLevelNumbers) {
  const auto sizes = ModuleSizes(kKernelBenchStyle);
  ASSERT_EQ(sizes.size(), 2u);
  EXPECT_EQ(sizes[0], (std::pair<std::string, std::string>{"N", "2048 * 2"}));
  EXPECT_EQ(sizes[1], (std::pair<std::string, std::string>{"scale", "0.5"}));
}

TEST(CudaProblemsTest, TheStartPointIsTheReferenceRenamed) {
  const std::string renamed = RenameModel(kKernelBenchStyle);
  EXPECT_NE(renamed.find("class ModelNew(nn.Module):"), std::string::npos);
  EXPECT_NE(renamed.find("super(ModelNew, self).__init__()"), std::string::npos);
  EXPECT_NE(renamed.find("nn.Module"), std::string::npos) << "Module is another word";
  EXPECT_EQ(renamed.find("class Model("), std::string::npos);
}

TEST(CudaProblemsTest, ACheckoutLoadsAsItIs) {
  const fs::path root = MakeCheckout();
  const auto sets = ProblemSets(AUTOCOMP_SOURCE_DIR, root);
  std::vector<std::string> names;
  for (const auto& s : sets) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ops", "kb-level1", "kb-level3"}));
  auto level1 = FindSet(sets, "kb-level1");
  ASSERT_TRUE(level1.ok());
  auto problems = LoadSet(*level1, /*ci=*/true);
  ASSERT_TRUE(problems.ok()) << problems.status().ToString();
  ASSERT_EQ(problems->size(), 2u);
  const Problem& p = (*problems)[0];
  EXPECT_EQ(p.id.ToString(), "cuda/kb-level1/1");
  EXPECT_EQ((*problems)[1].id.index, 12) << "ids are the numbers KernelBench gives its files";
  EXPECT_EQ(p.description, "Square matrix multiplication (N=2048 * 2, scale=0.5)");
  EXPECT_EQ(p.solution.language, "python");
  EXPECT_EQ(p.solution.defines, "class");
  EXPECT_EQ(p.solution.name, "ModelNew");
  EXPECT_NE(p.solution.declaration.find("forward(self, A: torch.Tensor, B: torch.Tensor)"), std::string::npos)
      << p.solution.declaration;
  EXPECT_EQ(p.spec["sizes"], nlohmann::json::object()) << "KernelBench problems have one size";
  EXPECT_EQ(p.score_unit, "s");
  fs::remove_all(root);
}

TEST(CudaProblemsTest, OurSetHasCiSizes) {
  const auto sets = ProblemSets(AUTOCOMP_SOURCE_DIR, "");
  auto ops = FindSet(sets, "ops");
  ASSERT_TRUE(ops.ok());
  auto ci = LoadSet(*ops, true);
  auto full = LoadSet(*ops, false);
  ASSERT_TRUE(ci.ok() && full.ok()) << ci.status().ToString();
  ASSERT_GE(ci->size(), 8u);
  EXPECT_EQ((*ci)[0].description, "matmul fp32 (M=128, K=128, N=128)");
  EXPECT_EQ((*full)[0].description, "matmul fp32 (M=4096, K=4096, N=4096)");
  EXPECT_EQ((*ci)[0].spec["sizes"]["M"], 128);
  EXPECT_EQ((*ci)[0].spec["tuner"], "matmul");
}

TEST(CudaProblemsTest, ErrorsNameWhatIsWrong) {
  const fs::path root = MakeCheckout();
  std::ofstream(root / "KernelBench/level1/1_Duplicate.py") << kKernelBenchStyle;
  const auto sets = ProblemSets(AUTOCOMP_SOURCE_DIR, root);
  auto dup = LoadSet(*FindSet(sets, "kb-level1"), false);
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("two problems numbered 1"), std::string::npos) << dup.status().ToString();
  auto missing = FindSet(ProblemSets(AUTOCOMP_SOURCE_DIR, ""), "kb-level2");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("set backend_options.kernelbench_dir"), std::string::npos);
  fs::remove_all(root);
}

}  // namespace
}  // namespace autocomp::cuda
