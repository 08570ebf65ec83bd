// tests/cpu/cpu_test_env.h — a real cpu backend over the checkout, for tests.
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "common/backend.h"
#include "cpu_backend.h"

namespace autocomp::testing_env {

inline std::unique_ptr<Backend> MakeTestCpuBackend(EvalOptions eval = {}) {
  auto sandbox = Sandbox::Create();
  EXPECT_TRUE(sandbox.ok()) << sandbox.status().ToString();
  BackendContext context;
  context.home = AUTOCOMP_SOURCE_DIR;
  context.eval = eval;
  context.sandbox = *sandbox;
  context.cache_dir = std::filesystem::temp_directory_path() / "autocomp-test-cache";
  auto backend = MakeCpuBackend(context);
  EXPECT_TRUE(backend.ok()) << backend.status().ToString();
  return std::move(*backend);
}

}  // namespace autocomp::testing_env
