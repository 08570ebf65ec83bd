// tests/gemmini/riscv_build.cc — see riscv_build.h.
#include "riscv_build.h"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "sim/reference_check.h"

namespace autocomp::gemmini::testing {
namespace fs = std::filesystem;

namespace {

const char* kPicolibc = "/usr/lib/picolibc/riscv64-unknown-elf";

fs::path FreshDir() {
  static std::atomic<int> counter{0};
  fs::path dir = fs::temp_directory_path() /
                 ("gemmini-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  return dir;
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace

std::string SourceDir() { return AUTOCOMP_SOURCE_DIR; }

bool HaveRiscvToolchain() {
  return std::system("riscv64-unknown-elf-gcc --version > /dev/null 2>&1") == 0 &&
         fs::exists(fs::path(kPicolibc) / "include" / "stdio.h");
}

std::string WriteSource(const std::string& name, const std::string& code) {
  fs::path p = FreshDir() / name;
  std::ofstream(p) << code;
  return p.string();
}

std::optional<fs::path> BuildProgram(const std::vector<std::string>& sources, const std::vector<std::string>& flags,
                                     std::string* log) {
  const fs::path runtime = fs::path(SourceDir()) / "backends/gemmini/runtime";
  const fs::path include = fs::path(SourceDir()) / "backends/gemmini/include";
  const fs::path harness = fs::path(SourceDir()) / "backends/gemmini/harness";
  fs::path dir = FreshDir();
  fs::path elf = dir / "prog.elf";
  std::string cmd = "riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -mcmodel=medany -O2 -std=gnu11 -fno-common "
                    "-static -nostdlib -nostartfiles -isystem " + std::string(kPicolibc) + "/include -I" +
                    Quote(include.string()) + " -I" + Quote(runtime.string()) + " -I" + Quote(harness.string());
  for (const auto& f : flags) cmd += " " + f;
  cmd += " -T " + Quote((runtime / "link.ld").string()) + " " + Quote((runtime / "crt0.S").string()) + " " +
         Quote((runtime / "syscalls.c").string());
  for (const auto& s : sources) cmd += " " + Quote(s);
  cmd += " -L" + std::string(kPicolibc) + "/lib/rv64imafdc/lp64d -lc -lm -lgcc -Wl,--no-warn-rwx-segments -o " +
         Quote(elf.string()) + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while (p && (n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  int rc = p ? pclose(p) : -1;
  if (log) *log = out;
  if (rc != 0 || !fs::exists(elf)) return std::nullopt;
  return elf;
}

ProgramRun RunProgram(const fs::path& elf, GemminiConfig config, bool spike_log) {
  ProgramRun run;
  auto image = ElfImage::Load(elf.string());
  EXPECT_TRUE(image.ok()) << image.status().ToString();
  MachineOptions opt;
  opt.config = config;
  opt.spike_log = spike_log;
  opt.max_instructions = 2000000000ULL;
  opt.output = [&run](const std::string& s) { run.output += s; };
  auto machine = Machine::Create(*image, opt);
  EXPECT_TRUE(machine.ok()) << machine.status().ToString();
  if (machine.ok()) run.result = (*machine)->Run();
  return run;
}

nlohmann::json CheckSolution(const std::string& harness, const std::string& solution_source,
                             const std::vector<std::string>& flags, GemminiConfig config, std::vector<uint64_t> seeds,
                             std::string* log) {
  const std::string h = SourceDir() + "/backends/gemmini/harness/" + harness;
  std::string out;
  auto candidate = BuildProgram({h + "_harness.c", solution_source}, flags, &out);
  if (log) *log = out;
  if (!candidate) return {{"status", "compile_error"}, {"message", out}};
  std::vector<std::string> ref_flags = flags;
  ref_flags.push_back("-Dreference=solution");
  auto reference = BuildProgram({h + "_harness.c", h + "_reference.c"}, ref_flags, &out);
  if (!reference) return {{"status", "infra_error"}, {"message", "reference: " + out}};
  auto cand_image = ElfImage::Load(candidate->string());
  auto ref_image = ElfImage::Load(reference->string());
  if (!cand_image.ok() || !ref_image.ok()) return {{"status", "infra_error"}, {"message", "unloadable ELF"}};
  ReferenceCheckOptions options;
  options.machine.config = config;
  options.machine.max_instructions = 2000000000ULL;
  options.seeds = std::move(seeds);
  options.compare_as_float = config.name == "fp32";
  return CheckAgainstReference(*cand_image, *ref_image, options);
}

}  // namespace autocomp::gemmini::testing
