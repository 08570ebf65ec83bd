// tests/cpu/cpu_version_test.cc — the cpu backend's version follows what can change a score.
//
// The version keys result reuse and resume, and the master refuses a worker
// whose version differs: another runner build or instruction counter must
// give another version, and the details must say what it is made of.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/file_text.h"
#include "cpu_test_env.h"

namespace autocomp {
namespace {

namespace fs = std::filesystem;

TEST(CpuVersionTest, AnotherRunnerBuildIsAnotherVersion) {
  const std::unique_ptr<Backend> usual = testing_env::MakeTestCpuBackend();
  const fs::path copy = fs::temp_directory_path() / ("autocomp-runner-copy-" + std::to_string(::getpid()));
  {
    std::ofstream out(copy, std::ios::binary);
    out << FileTextOrEmpty(fs::path(AUTOCOMP_BINARY_DIR) / "autocomp-cpu-runner") << '\0';
  }
  fs::permissions(copy, fs::perms::owner_all);
  ::setenv("AUTOCOMP_CPU_RUNNER", copy.c_str(), 1);
  const std::unique_ptr<Backend> other = testing_env::MakeTestCpuBackend();
  ::unsetenv("AUTOCOMP_CPU_RUNNER");
  fs::remove(copy);
  EXPECT_NE(usual->version(), other->version());
  EXPECT_NE(usual->version_details(), other->version_details());
  EXPECT_EQ(usual->version(), testing_env::MakeTestCpuBackend()->version()) << "the version is stable";
}

TEST(CpuVersionTest, DetailsNameTheCpuModelAndTheCounter) {
  const std::unique_ptr<Backend> timed = testing_env::MakeTestCpuBackend();
  EXPECT_NE(timed->version_details().find("\ncpu "), std::string::npos) << timed->version_details();
  EXPECT_NE(timed->version_details().find("runner "), std::string::npos);
  EvalOptions count;
  count.score = "instructions";
  const std::unique_ptr<Backend> counted = testing_env::MakeTestCpuBackend(count);
  EXPECT_NE(counted->version_details().find("valgrind"), std::string::npos) << counted->version_details();
  EXPECT_NE(timed->version(), counted->version()) << "counting instructions is another measurement";
}

}  // namespace
}  // namespace autocomp
