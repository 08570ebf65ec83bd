// tests/gemmini/gemmini_adapters_test.cc — command construction and output
// parsing of the Spike and FireSim adapters. The Spike output below was
// recorded from a real Spike with the Gemmini extension (riscv-isa-sim
// c1c0b8b, libgemmini e9d4404); the FireSim UART log format is written from
// FireSim's documentation and is unverified against a real install.
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "firesim_adapter.h"
#include "spike_adapter.h"

namespace autocomp::gemmini {
namespace {
namespace fs = std::filesystem;

const char* kRecordedSpike =
    "Gemmini extension configured with:\n"
    "    dim = 16\n"
    "GEMMINI: mvin - 0x10 cols and 0x10 rows from 0x800032d0 to addr 0x00000000\n"
    "GEMMINI: mvout - 0x10 cols and 0x10 rows from 0x10001000000000 to addr 0x80002ad0\n"
    "GEMMINI: mvin - 0x10 cols and 0x10 rows from 0x800033d0 to addr 0x80000010\n"
    "autocomp: cycles 4242\n"
    "*** FAILED *** (tohost = 1)\n";

TEST(SpikeAdapterTest, ParsesRecordedOutput) {
  SpikeRun r = SpikeAdapter::Parse(kRecordedSpike);
  EXPECT_EQ(r.mvin_lines, 2);
  EXPECT_EQ(r.mvout_lines, 1);
  EXPECT_EQ(r.failed_tohost.value_or(-1), 1);
  EXPECT_EQ(GuestCycles(r.program_output).value_or(0), 4242u);
  EXPECT_TRUE(r.any_spad);
  EXPECT_TRUE(r.any_acc);
  EXPECT_EQ(r.max_spad_row, 15u);
  EXPECT_EQ(r.max_acc_row, 0x10u + 15u);
  EXPECT_EQ(r.program_output, "autocomp: cycles 4242\n");
}

TEST(SpikeAdapterTest, CreateChecksTheBinaryAndTheExtension) {
  auto missing = SpikeAdapter::Create("/nonexistent/bin/spike");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("does not exist or is not executable"), std::string::npos);
  // A prefix with bin/spike but no lib/libgemmini.so.
  fs::path dir = fs::temp_directory_path() / ("spike-prefix-" + std::to_string(::getpid()));
  fs::create_directories(dir / "bin");
  fs::create_directories(dir / "lib");
  { std::ofstream(dir / "bin" / "spike") << "#!/bin/sh\n"; }
  fs::permissions(dir / "bin" / "spike", fs::perms::owner_all);
  auto no_ext = SpikeAdapter::Create(dir / "bin" / "spike");
  ASSERT_FALSE(no_ext.ok());
  EXPECT_NE(no_ext.status().message().find("has no Gemmini extension"), std::string::npos);
  { std::ofstream(dir / "lib" / "libgemmini.so") << ""; }
  auto ok = SpikeAdapter::Create(dir / "bin" / "spike");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto argv = ok->Command("/scratch/c1/prog.elf");
  ASSERT_GE(argv.size(), 3u);
  EXPECT_EQ(argv[argv.size() - 3], (dir / "bin" / "spike").string());
  EXPECT_EQ(argv[argv.size() - 2], "--extension=gemmini");
  EXPECT_EQ(argv.back(), "/scratch/c1/prog.elf");
  fs::remove_all(dir);
}

TEST(FiresimAdapterTest, WritesOneWorkloadForManyCandidates) {
  fs::path dir = fs::temp_directory_path() / ("firesim-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  { std::ofstream(dir / "config_runtime.yaml") << "run_farm: {}\n"; }
  auto a = FiresimAdapter::Create("/bin/true", dir / "config_runtime.yaml");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto wl = a->WriteWorkload(dir, "batch7", {{"c0", "/s/c0/prog.elf"}, {"c1", "/s/c1/prog.elf"}});
  ASSERT_TRUE(wl.ok());
  auto j = nlohmann::json::parse(std::ifstream(*wl));
  EXPECT_EQ(j["benchmark_name"], "batch7");
  ASSERT_EQ(j["workloads"].size(), 2u);
  EXPECT_EQ(j["workloads"][1]["bootbinary"], "/s/c1/prog.elf");
  auto cmds = a->Commands(*wl);
  ASSERT_EQ(cmds.size(), 3u);
  EXPECT_EQ(cmds[0][1], "infrasetup");
  EXPECT_EQ(cmds[1][1], "runworkload");
  EXPECT_EQ(cmds[2][1], "terminaterunfarm");
  EXPECT_EQ(cmds[1][3], (dir / "config_runtime.yaml").string());
  EXPECT_FALSE(a->WriteWorkload(dir, "empty", {}).ok());
  EXPECT_FALSE(FiresimAdapter::Create("/bin/true", dir / "missing.yaml").ok());
  fs::remove_all(dir);
}

TEST(FiresimAdapterTest, ParsesUartLogsAndRetriesOneAtATimeAfterAHang) {
  auto done = FiresimAdapter::ParseUartLog("c0", "boot\r\nautocomp: cycles 91234\r\n");
  EXPECT_TRUE(done.finished);
  EXPECT_EQ(done.cycles.value_or(0), 91234u);
  auto hung = FiresimAdapter::ParseUartLog("c1", "boot\r\n");
  EXPECT_FALSE(hung.finished);
  std::vector<FiresimJob> jobs = {{"a", "a.elf"}, {"b", "b.elf"}, {"c", "c.elf"}};
  EXPECT_EQ(FiresimAdapter::Batches(jobs, false).size(), 1u);
  auto singles = FiresimAdapter::Batches(jobs, true);
  ASSERT_EQ(singles.size(), 3u);
  EXPECT_EQ(singles[2][0].name, "c");
}

}  // namespace
}  // namespace autocomp::gemmini
