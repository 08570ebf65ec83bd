// tests/worker/node_quiet_lock_test.cc — measurements exclude builds and each other.
#include "worker/node_quiet_lock.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace autocomp {
namespace {

TEST(NodeQuietLockTest, MeasurementNeverOverlapsABuildOrAnotherMeasurement) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "quiet-lock-test";
  NodeQuietLock lock(dir);
  std::atomic<int> builds{0}, measures{0};
  std::atomic<bool> violated{false};
  std::atomic<int> max_builds{0};
  auto build = [&] {
    for (int i = 0; i < 30; ++i) {
      NodeQuietLock::Guard g = lock.ForBuild();
      int now = ++builds;
      max_builds = std::max(max_builds.load(), now);
      if (measures.load() > 0) violated = true;
      std::this_thread::sleep_for(std::chrono::microseconds(300));
      --builds;
    }
  };
  auto measure = [&] {
    for (int i = 0; i < 15; ++i) {
      NodeQuietLock::Guard g = lock.ForMeasure();
      if (++measures > 1 || builds.load() > 0) violated = true;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
      --measures;
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) threads.emplace_back(build);
  for (int i = 0; i < 2; ++i) threads.emplace_back(measure);
  for (auto& t : threads) t.join();
  EXPECT_FALSE(violated);
  EXPECT_GT(max_builds.load(), 1) << "builds still run in parallel with each other";
}

TEST(NodeQuietLockTest, EmptyDirDisablesTheLock) {
  NodeQuietLock off{std::filesystem::path()};
  NodeQuietLock::Guard a = off.ForMeasure();
  NodeQuietLock::Guard b = off.ForMeasure();  // would deadlock if it locked
  SUCCEED();
}

}  // namespace
}  // namespace autocomp
