// tests/sandbox/sandbox_test.cc
//
// Misbehaving programs — crashes, hangs, fork bombs, memory hogs, output
// floods, daemons, writes outside the scratch dir — each end with their own
// outcome, the calling process survives, and nothing is left running.
// Programs are compiled for real with the system C compiler.
#include "common/sandbox.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace autocomp {
namespace {

namespace fs = std::filesystem;

// Processes whose command line contains `token`.
int CountProcessesWith(const std::string& token) {
  int count = 0;
  DIR* proc = opendir("/proc");
  while (dirent* e = readdir(proc)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + e->d_name + "/cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (cmdline.find(token) != std::string::npos) ++count;
  }
  closedir(proc);
  return count;
}

class SandboxTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    // The parameter: true = namespaces allowed, false = the degraded path clusters get.
    if (GetParam()) unsetenv("AUTOCOMP_SANDBOX_NO_NAMESPACES");
    else setenv("AUTOCOMP_SANDBOX_NO_NAMESPACES", "1", 1);
    auto sandbox = Sandbox::Create();
    ASSERT_TRUE(sandbox.ok()) << sandbox.status().ToString();
    sandbox_ = *sandbox;
    auto scratch = ScratchDir::Create(fs::temp_directory_path() / "autocomp-sandbox-test", "t");
    ASSERT_TRUE(scratch.ok());
    scratch_.emplace(std::move(*scratch));
    token_ = "acsbx" + std::to_string(getpid()) + "x" + std::to_string(counter_++);
  }
  void TearDown() override { unsetenv("AUTOCOMP_SANDBOX_NO_NAMESPACES"); }

  // Compiles `code` (trusted step) into the scratch dir as a binary named after the token.
  void Compile(const std::string& code) {
    std::ofstream(scratch_->path() / "prog.c") << code;
    SandboxSpec spec;
    spec.workdir = scratch_->path();
    spec.isolate = false;
    spec.argv = {"cc", "-O1", "-o", token_, "prog.c"};
    ProcessOutcome built = sandbox_->Run(spec);
    ASSERT_TRUE(built.Succeeded()) << built.Describe() << built.output;
  }

  ProcessOutcome RunProgram(double wall_seconds = 5, int64_t memory = 256LL << 20) {
    SandboxSpec spec;
    spec.workdir = scratch_->path();
    spec.argv = {"./" + token_};
    spec.limits.wall_seconds = wall_seconds;
    spec.limits.memory_bytes = memory;
    spec.limits.output_bytes = 1 << 20;
    spec.limits.capture_bytes = 4096;
    spec.limits.max_processes = 32;
    return sandbox_->Run(spec);
  }

  std::shared_ptr<Sandbox> sandbox_;
  std::optional<ScratchDir> scratch_;
  std::string token_;
  static inline int counter_ = 0;
};

TEST_P(SandboxTest, NormalExitKeepsOutputAndCode) {
  Compile("#include <stdio.h>\nint main(){ printf(\"hello\\n\"); return 7; }");
  ProcessOutcome o = RunProgram();
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kExited);
  EXPECT_EQ(o.exit_code, 7);
  EXPECT_EQ(o.output, "hello\n");
  EXPECT_EQ(o.Describe(), "exit code 7");
  EXPECT_FALSE(o.isolation.empty());
}

TEST_P(SandboxTest, SegfaultIsReportedWithItsSignal) {
  Compile("int main(){ *(volatile int*)0 = 1; return 0; }");
  ProcessOutcome o = RunProgram();
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kSignaled);
  EXPECT_EQ(o.signal, 11);
  EXPECT_EQ(o.Describe(), "killed by signal 11 (SIGSEGV)");
}

TEST_P(SandboxTest, AbortIsReportedWithItsSignal) {
  Compile("#include <stdlib.h>\nint main(){ abort(); }");
  ProcessOutcome o = RunProgram();
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kSignaled);
  EXPECT_EQ(o.signal, 6);
}

TEST_P(SandboxTest, InfiniteLoopTimesOut) {
  Compile("int main(){ for(;;){} }");
  ProcessOutcome o = RunProgram(1.0);
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kTimedOut);
  EXPECT_GE(o.wall_seconds, 1.0);
  EXPECT_LT(o.wall_seconds, 5.0);
  EXPECT_EQ(CountProcessesWith(token_), 0);
}

TEST_P(SandboxTest, ForkBombIsContainedAndCleanedUp) {
  Compile("#include <unistd.h>\nint main(){ for(;;) fork(); }");
  ProcessOutcome o = RunProgram(2.0);
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kTimedOut);
  EXPECT_EQ(CountProcessesWith(token_), 0);
}

TEST_P(SandboxTest, MemoryHogHitsTheMemoryLimit) {
  Compile(
      "#include <stdlib.h>\n#include <string.h>\n"
      "int main(){ for(;;){ char* p = malloc(1<<20); memset(p, 1, 1<<20); } }");
  ProcessOutcome o = RunProgram(10.0, 128LL << 20);
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kSignaled) << o.Describe();
  EXPECT_TRUE(o.memory_limit) << o.Describe() << " rss " << o.max_rss_kb;
}

// A memory limit that CUDA can live with: a cgroup v2 where the controller is delegated, else
// RLIMIT_AS (or none, when no address-space limit was asked for); the isolation text says which.
TEST_P(SandboxTest, CgroupMemoryLimitOrItsFallbackIsStated) {
  Compile(
      "#include <stdlib.h>\n#include <string.h>\n"
      "int main(){ for(;;){ char* p = malloc(1<<20); memset(p, 1, 1<<20); } }");
  SandboxSpec spec;
  spec.workdir = scratch_->path();
  spec.argv = {"./" + token_};
  spec.limits.wall_seconds = 10;
  spec.limits.memory_cgroup_bytes = 128LL << 20;
  spec.limits.memory_bytes = 128LL << 20;  // the fallback
  spec.limits.max_processes = 32;
  ProcessOutcome o = sandbox_->Run(spec);
  EXPECT_NE(o.kind, ProcessOutcome::Kind::kExited) << o.Describe();
  EXPECT_TRUE(o.memory_limit) << o.Describe() << " " << o.isolation;
  const bool cgroup = o.isolation.find("(cgroup v2)") != std::string::npos;
  const bool fallback = o.isolation.find("memory by RLIMIT_AS (no cgroup: ") != std::string::npos;
  EXPECT_TRUE(cgroup || fallback) << o.isolation;

  spec.limits.memory_bytes = 0;  // a GPU host: no address-space limit
  spec.argv = {"true"};
  ProcessOutcome none = sandbox_->Run(spec);
  EXPECT_TRUE(none.Succeeded()) << none.Describe();
  if (!cgroup) EXPECT_NE(none.isolation.find("memory NOT limited"), std::string::npos) << none.isolation;
}

TEST_P(SandboxTest, SharedMemorySizeIsConfigurable) {
  if (!GetParam()) GTEST_SKIP() << "without namespaces /dev/shm is the host's";
  SandboxSpec spec;
  spec.workdir = scratch_->path();
  spec.argv = {"df", "-k", "/dev/shm"};
  spec.shm_mb = 1024;
  ProcessOutcome o = sandbox_->Run(spec);
  ASSERT_TRUE(o.Succeeded()) << o.Describe() << o.output;
  if (o.isolation.find("private /tmp") == std::string::npos) GTEST_SKIP() << "no private mounts: " << o.isolation;
  EXPECT_NE(o.output.find("1048576"), std::string::npos) << o.output;
}

// The worker's GPU stays visible and the others are covered. Without real GPUs: two stand-in
// nodes /dev/nvidia90 and /dev/nvidia91 that behave as /dev/zero (made as root, removed after).
TEST_P(SandboxTest, OnlyTheWorkersGpuNodesAreVisible) {
  if (!GetParam()) GTEST_SKIP() << "hiding needs a mount namespace";
  if (geteuid() != 0) GTEST_SKIP() << "making stand-in device nodes needs root";
  const std::string keep = "/dev/nvidia90", hide = "/dev/nvidia91";
  if (fs::exists(keep) || fs::exists(hide)) GTEST_SKIP() << "device nodes of that name exist";
  if (mknod(keep.c_str(), S_IFCHR | 0666, makedev(1, 5)) != 0 || mknod(hide.c_str(), S_IFCHR | 0666, makedev(1, 5)) != 0) {
    unlink(keep.c_str());
    GTEST_SKIP() << "mknod refused here";
  }
  chmod(keep.c_str(), 0666);
  chmod(hide.c_str(), 0666);
  SandboxSpec spec;
  spec.workdir = scratch_->path();
  spec.argv = {"sh", "-c", "head -c 4 /dev/nvidia90 | wc -c; head -c 4 /dev/nvidia91 | wc -c"};
  spec.gpus = std::vector<int>{90};
  ProcessOutcome o = sandbox_->Run(spec);
  unlink(keep.c_str());
  unlink(hide.c_str());
  ASSERT_TRUE(o.Succeeded()) << o.Describe() << o.output;
  if (o.isolation.find("other GPUs hidden") == std::string::npos) GTEST_SKIP() << o.isolation;
  EXPECT_EQ(o.output, "4\n0\n") << "the kept node reads as itself, the other as /dev/null; " << o.isolation;
}

TEST_P(SandboxTest, HugeOutputIsCutOffAndBounded) {
  Compile("#include <stdio.h>\nint main(){ for(;;) puts(\"flooding the worker with output\"); }");
  ProcessOutcome o = RunProgram(10.0);
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kOutputLimit);
  EXPECT_GT(o.output_bytes, 1 << 20);
  EXPECT_LE(o.output.size(), 4096u + 100u);  // head + tail + the omission note
  EXPECT_NE(o.output.find("bytes omitted"), std::string::npos);
  EXPECT_EQ(CountProcessesWith(token_), 0);
}

TEST_P(SandboxTest, DaemonizedGrandchildIsKilled) {
  Compile(
      "#include <unistd.h>\n"
      "int main(){ if(fork()==0){ setsid(); if(fork()==0){ for(;;) sleep(1); } _exit(0);} return 0; }");
  ProcessOutcome o = RunProgram();
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kExited);
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(CountProcessesWith(token_), 0);
}

TEST_P(SandboxTest, WritesOutsideTheScratchDirDoNotLand) {
  if (geteuid() != 0) GTEST_SKIP() << "outside writes are only blocked when started as root";
  const fs::path outside = fs::path(AUTOCOMP_BINARY_DIR) / ("outside-" + token_);
  const fs::path outside_tmp = fs::temp_directory_path() / ("outside-" + token_);
  Compile("#include <stdio.h>\nint main(int c, char** v){ int bad = 0;"
          " for (int i = 1; i < c; ++i) { FILE* f = fopen(v[i], \"w\"); if (f) { fputs(\"x\", f); fclose(f); bad++; } }"
          " FILE* in = fopen(\"inside.txt\", \"w\"); if (!in) return 9; fputs(\"ok\", in); fclose(in);"
          " return bad; }");
  SandboxSpec spec;
  spec.workdir = scratch_->path();
  spec.argv = {"./" + token_, outside.string(), outside_tmp.string()};
  ProcessOutcome o = sandbox_->Run(spec);
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kExited);
  EXPECT_FALSE(fs::exists(outside));
  if (GetParam()) {
    EXPECT_FALSE(fs::exists(outside_tmp));  // /tmp is a private tmpfs inside the namespace
  } else {
    fs::remove(outside_tmp);  // without namespaces only the unprivileged uid protects; /tmp is open to all
  }
  EXPECT_TRUE(fs::exists(scratch_->path() / "inside.txt")) << o.Describe() << o.output;
}

TEST_P(SandboxTest, MissingCommandFailsToStart) {
  SandboxSpec spec;
  spec.workdir = scratch_->path();
  spec.argv = {"/nonexistent/binary"};
  ProcessOutcome o = sandbox_->Run(spec);
  EXPECT_EQ(o.kind, ProcessOutcome::Kind::kFailedToStart);
  EXPECT_NE(o.error.find("/nonexistent/binary"), std::string::npos) << o.error;
}

TEST_P(SandboxTest, SurvivesManyBadRunsInARow) {
  Compile("int main(){ *(volatile int*)0 = 1; return 0; }");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(RunProgram().kind, ProcessOutcome::Kind::kSignaled);
}

INSTANTIATE_TEST_SUITE_P(IsolationLevels, SandboxTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Namespaces" : "NoNamespaces"; });

TEST(ScratchDirTest, RemovesItselfWithContents) {
  fs::path path;
  {
    auto dir = ScratchDir::Create(fs::temp_directory_path() / "autocomp-sandbox-test", "rm");
    ASSERT_TRUE(dir.ok());
    path = dir->path();
    std::ofstream(path / "file") << "data";
    ASSERT_TRUE(fs::exists(path / "file"));
  }
  EXPECT_FALSE(fs::exists(path));
}

TEST(SandboxCreateTest, MissingHelperIsAClearError) {
  setenv("AUTOCOMP_SANDBOX_SHIM", "/nonexistent/autocomp-sandbox", 1);
  auto sandbox = Sandbox::Create({"/also/missing"});
  unsetenv("AUTOCOMP_SANDBOX_SHIM");
  // It falls back to the helper next to the build; only a fully missing helper fails.
  if (!sandbox.ok()) {
    EXPECT_NE(sandbox.status().message().find("autocomp-sandbox"), std::string::npos);
  } else {
    EXPECT_NE((*sandbox)->shim_path().string(), "/also/missing");
  }
}

}  // namespace
}  // namespace autocomp
