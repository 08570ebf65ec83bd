// tests/gemmini/gemmini_adapters_test.cc — command construction and output
// parsing of the Spike and FireSim adapters. The Spike output below was
// recorded from a real Spike with the Gemmini extension (riscv-isa-sim
// c1c0b8b, libgemmini e9d4404); the runs on a real Spike are in
// gemmini_spike_test.cc. The FireSim UART log format is written from
// FireSim's documentation and the original Autocomp harness's cycles line,
// and is unverified against a real install.
#include <unistd.h>

#include <cstring>
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
  EXPECT_EQ(r.guest_cycles.value_or(0), 4242u);
  EXPECT_EQ(r.guest_cycle_lines, 1);
}

// The whole stream counts, however it is cut into chunks and however long
// it is: 30,000 mvin lines (more than any capture keeps) in 7-byte pieces.
TEST(SpikeAdapterTest, CountsTheWholeStreamInAnyChunking) {
  std::string out = "Gemmini extension configured with:\n    dim = 16\n";
  for (int i = 0; i < 30000; ++i) {
    char line[120];
    std::snprintf(line, sizeof line, "GEMMINI: mvin - 0x10 cols and 0x10 rows from 0x%08x to addr 0x%08x\n",
                  0x80000000 + 16 * i, (i % 1000) * 16);
    out += line;
    if (i % 3 == 0) out += "GEMMINI: mvout - 0x10 cols and 0x10 rows from 0x80000000 to addr 0x80100000\n";
  }
  for (int i = 0; i < 5000; ++i) out += "program line " + std::to_string(i) + "\n";
  out += "autocomp: cycles 77";  // no final newline
  SpikeOutputCounter c;
  for (size_t at = 0; at < out.size(); at += 7) c.Feed(std::string_view(out).substr(at, 7));
  SpikeRun r = c.Finish();
  EXPECT_EQ(r.mvin_lines, 30000);
  EXPECT_EQ(r.mvout_lines, 10000);
  EXPECT_EQ(r.max_spad_row, 999u * 16 + 15);
  EXPECT_FALSE(r.any_acc);
  EXPECT_EQ(r.guest_cycles.value_or(0), 77u);
  // Program output is kept as head and tail only.
  EXPECT_LT(r.program_output.size(), 40000u);
  EXPECT_EQ(r.program_output.rfind("program line 0\n", 0), 0u);
  EXPECT_NE(r.program_output.find("bytes not kept"), std::string::npos);
  EXPECT_NE(r.program_output.find("program line 4999\nautocomp: cycles 77\n"), std::string::npos);
}

TEST(SpikeAdapterTest, ReadsBothCyclesLineForms) {
  EXPECT_EQ(CyclesOfLine("autocomp: cycles 123").value_or(0), 123u);
  EXPECT_EQ(CyclesOfLine("Generated implementation latency: 4567 cycles").value_or(0), 4567u);
  EXPECT_EQ(CyclesOfLine("test 2: Generated implementation latency: 89 cycles").value_or(0), 89u);
  EXPECT_FALSE(CyclesOfLine("Generated implementation latency: many cycles"));
  EXPECT_FALSE(CyclesOfLine("Generated implementation latency: 12"));
  EXPECT_FALSE(CyclesOfLine("autocomp: cycles 12x"));
  EXPECT_FALSE(CyclesOfLine("say autocomp: cycles 12"));
  const std::string both = "autocomp: cycles 5\nGenerated implementation latency: 6 cycles\r\n";
  EXPECT_EQ(GuestCycles(both).value_or(0), 6u);
  EXPECT_EQ(CountGuestCycleLines(both), 2);
}

// The debugger's stderr in the form riscv-isa-sim c1c0b8b prints it for the
// plan's commands (answers "0x%016x", the instruction log of `untiln`, the
// echo of an unknown command), with a guest line mixed into the timed part.
TEST(SpikeAdapterTest, ParsesTheDebuggersAnswers) {
  SpikePlan plan;
  plan.solution = 0x80000100;
  plan.return_address = 0x80000044;
  plan.objects = {{"gemm_harness.c", "A", 0x80002004, 6}, {"gemm_harness.c", "C", 0x80003000, 8}};
  const std::string cmds = plan.Commands();
  EXPECT_EQ(cmds.rfind("until pc 0 0x80000100\n@entry\nreg 0 minstret\nreg 0 sp\nreg 0 gp\n", 0), 0u);
  EXPECT_NE(cmds.find("@timed\nuntiln pc 0 0x80000044\n@return\n"), std::string::npos);
  EXPECT_NE(cmds.find("@memory\nmem 0x80002000\nmem 0x80002008\nmem 0x80003000\n@end\n"), std::string::npos);
  SpikePlan silent = plan;
  silent.count_timed = false;
  EXPECT_NE(silent.Commands().find("@timed\nuntil pc 0 0x80000044\n@return\n"), std::string::npos);
  auto regs = [](uint64_t instret, uint64_t s3) {
    std::string t;
    char line[40];
    for (int i = 0; i < 16; ++i) {
      uint64_t v = i == 0 ? instret : i == 1 ? 0x80fff000 : i == 5 ? s3 : 0x1000 + i;
      std::snprintf(line, sizeof line, "0x%016llx\n", static_cast<unsigned long long>(v));
      t += line;
    }
    return t;
  };
  std::string err = "core   0: exception trap_illegal_instruction, epc 0x0000000080000010\n";
  err += "Unknown command @entry\n" + regs(1000, 7) + "Unknown command @timed\n";
  err += "core   0: >>>>  solution\n";
  err += "core   0: 0x0000000080000100 (0x00050513) mv      a0, a0\n";
  err += "core   0: 0x0000000080000104 (0x0000006f) j       pc + 0x0\n";  // ran 3 times in a row
  err += "guest text on stderr\n";
  err += "core   0: Executed 3 times\n";
  err += "core   0: 0x0000000080000108 (0x00000073) ecall\n";
  err += "core   0: exception trap_machine_ecall, epc 0x0000000080000108\n";
  err += "core   0: 0x0000000080000200 (0x30200073) mret\n";
  err += "core   0: 0x000000008000010c (0x00008067) ret\n";
  err += "Unknown command @return\n" + regs(1006, 7) + "Unknown command @memory\n";
  err += "0x0706050403020100\n0x0f0e0d0c0b0a0908\n0x8877665544332211\nUnknown command @end\n";
  SpikeDebugParser p(plan);
  for (size_t at = 0; at < err.size(); at += 5) p.Feed(std::string_view(err).substr(at, 5));
  SpikeTimedRun r = p.Finish();
  EXPECT_TRUE(r.protocol_error.empty()) << r.protocol_error;
  EXPECT_TRUE(r.entered);
  EXPECT_TRUE(r.returned);
  EXPECT_EQ(r.timed_instructions, 6u);  // mv, j x3, mret, ret (the ecall trapped)
  EXPECT_EQ(r.minstret_delta.value_or(0), 6u);
  EXPECT_TRUE(r.clobbered.empty());
  ASSERT_EQ(r.objects.size(), 2u);
  EXPECT_EQ(r.objects[0], (std::vector<uint8_t>{4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(r.objects[1], (std::vector<uint8_t>{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}));
  EXPECT_NE(r.debug_tail.find("guest text on stderr"), std::string::npos);

  // A callee-saved register changed, answers missing, marks out of order.
  SpikeDebugParser q(plan);
  q.Feed("Unknown command @entry\n" + regs(1, 7) + "Unknown command @timed\nUnknown command @return\n" + regs(2, 8) +
         "Unknown command @memory\n0x0\nUnknown command @end\n");
  SpikeTimedRun bad = q.Finish();
  EXPECT_EQ(bad.clobbered, "s1");
  EXPECT_NE(bad.protocol_error.find("memory answers"), std::string::npos);
  SpikeDebugParser o(plan);
  o.Feed("Unknown command @timed\n");
  EXPECT_NE(o.Finish().protocol_error.find("unexpected debugger mark"), std::string::npos);
}

TEST(SpikeAdapterTest, JudgesLikeTheBuiltInCheck) {
  SpikePlan plan;
  plan.objects = {{"gemm_harness.c", "C", 0x80003000, 4}};
  SpikeTimedRun ref, cand;
  ref.entered = ref.returned = cand.entered = cand.returned = true;
  ref.objects = {{1, 2, 3, 4}};
  cand.objects = {{1, 2, 3, 4}};
  EXPECT_EQ(JudgeSpikeRun(cand, ref, plan, plan, false).status, "ok");
  cand.objects = {{1, 9, 3, 0xff}};
  SpikeVerdict wrong = JudgeSpikeRun(cand, ref, plan, plan, false);
  EXPECT_EQ(wrong.status, "wrong_answer");
  EXPECT_NE(wrong.message.find("2 elements of C differ"), std::string::npos);
  EXPECT_NE(wrong.message.find("C byte 1 is 9, the reference computes 2"), std::string::npos);
  // fp32: within the relative tolerance is equal.
  float w = 1000.0f, g = 1000.05f, far = 1001.0f;
  std::vector<uint8_t> wb(4), gb(4), fb(4);
  std::memcpy(wb.data(), &w, 4);
  std::memcpy(gb.data(), &g, 4);
  std::memcpy(fb.data(), &far, 4);
  ref.objects = {wb};
  cand.objects = {gb};
  EXPECT_EQ(JudgeSpikeRun(cand, ref, plan, plan, true).status, "ok");
  cand.objects = {fb};
  EXPECT_EQ(JudgeSpikeRun(cand, ref, plan, plan, true).status, "wrong_answer");
  cand.objects = {gb};
  cand.clobbered = "s0";
  EXPECT_EQ(JudgeSpikeRun(cand, ref, plan, plan, true).status, "runtime_error");
  cand.returned = false;
  EXPECT_EQ(JudgeSpikeRun(cand, ref, plan, plan, true).status, "runtime_error");
  ref.returned = false;
  EXPECT_EQ(JudgeSpikeRun(cand, ref, plan, plan, true).status, "infra_error");
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
  ASSERT_GE(argv.size(), 5u);
  EXPECT_EQ(argv[argv.size() - 5], (dir / "bin" / "spike").string());
  EXPECT_EQ(argv[argv.size() - 4], "-d");
  EXPECT_EQ(argv[argv.size() - 3], "--debug-cmd=spike-debug.cmd");
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
  // The original Autocomp harness's line is read as well ...
  auto original = FiresimAdapter::ParseUartLog("c2", "boot\r\nGenerated implementation latency: 55123 cycles\r\n");
  EXPECT_TRUE(original.finished);
  EXPECT_EQ(original.cycles.value_or(0), 55123u);
  EXPECT_EQ(original.cycle_lines, 1);
  // ... and a second cycles line of either form is counted, for the rejection rule.
  auto two = FiresimAdapter::ParseUartLog("c3", "autocomp: cycles 10\r\nGenerated implementation latency: 9 cycles\r\n");
  EXPECT_EQ(two.cycle_lines, 2);
  EXPECT_EQ(FiresimAdapter::ParseUartLog("c4", "autocomp: cycles 1\nautocomp: cycles 2\n").cycle_lines, 2);
  std::vector<FiresimJob> jobs = {{"a", "a.elf"}, {"b", "b.elf"}, {"c", "c.elf"}};
  EXPECT_EQ(FiresimAdapter::Batches(jobs, false).size(), 1u);
  auto singles = FiresimAdapter::Batches(jobs, true);
  ASSERT_EQ(singles.size(), 3u);
  EXPECT_EQ(singles[2][0].name, "c");
}

}  // namespace
}  // namespace autocomp::gemmini
