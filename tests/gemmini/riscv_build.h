// tests/gemmini/riscv_build.h — cross-compiles small bare-metal programs
// with the gemmini runtime for tests, and runs them on the built-in
// simulator in-process. Tests skip when riscv64-unknown-elf-gcc or picolibc
// is not installed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/machine.h"

namespace autocomp::gemmini::testing {

// True when the cross toolchain is available.
bool HaveRiscvToolchain();

// Compiles `sources` (paths) plus the runtime into an ELF inside a fresh
// temporary directory; returns its path, or the compiler's output as error.
std::optional<std::filesystem::path> BuildProgram(const std::vector<std::string>& sources,
                                                  const std::vector<std::string>& flags, std::string* log);

// Writes `code` to a file in a fresh temporary directory; returns its path.
std::string WriteSource(const std::string& name, const std::string& code);

struct ProgramRun {
  RunResult result;
  std::string output;
};
ProgramRun RunProgram(const std::filesystem::path& elf, GemminiConfig config = GemminiConfig::Int8(),
                      bool spike_log = false);

// The backend's trusted check in-process: the harness `harness` (e.g.
// "gemm") linked once with `solution_source` and once with its reference,
// both run with `seeds` and compared (sim/reference_check.h).
nlohmann::json CheckSolution(const std::string& harness, const std::string& solution_source,
                             const std::vector<std::string>& flags, GemminiConfig config = GemminiConfig::Int8(),
                             std::vector<uint64_t> seeds = {1}, std::string* log = nullptr);

std::string SourceDir();  // the repository root

}  // namespace autocomp::gemmini::testing
