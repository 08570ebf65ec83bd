// tests/cuda/cuda_options_test.cc — backend_options of the cuda backend: defaults, and errors
// that name the key and the file.
#include "cuda/cuda_options.h"

#include <gtest/gtest.h>

namespace autocomp::cuda {
namespace {

Result<CudaOptions> Parse(const nlohmann::json& options) {
  BackendContext context;
  context.options = options;
  context.config_source = "run.json";
  return ParseCudaOptions(context);
}

TEST(CudaOptionsTest, Defaults) {
  auto o = Parse(nlohmann::json::object());
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->size, "auto");
  EXPECT_EQ(o->device, "auto");
  EXPECT_EQ(o->timed_trials, 100);
  EXPECT_EQ(o->correctness_trials, 5);
  EXPECT_GT(o->memory_gb, 0);
  EXPECT_LE(o->memory_gb, 32);
}

TEST(CudaOptionsTest, BadValuesNameTheKeyAndTheFile) {
  EXPECT_EQ(Parse({{"size", "huge"}}).status().message(),
            "run.json: backend_options.size: must be one of \"auto\", \"ci\", \"full\", not \"huge\"");
  EXPECT_EQ(Parse({{"timed_trials", 0}}).status().message().rfind("run.json: backend_options.timed_trials: ", 0), 0u);
  EXPECT_EQ(Parse({{"kernelbench_dir", "/no/such/dir"}}).status().message(),
            "run.json: backend_options.kernelbench_dir: '/no/such/dir' is not a directory");
  const auto unknown = Parse({{"trails", 5}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message().rfind("run.json: backend_options.trails: unknown key", 0), 0u)
      << unknown.status().message();
  EXPECT_FALSE(Parse(nlohmann::json::array()).ok());
}

}  // namespace
}  // namespace autocomp::cuda
