// backends/gemmini/spike_adapter.cc — command lines for a real Spike and
// parsing of its output (formats in docs/gemmini.md).
#include "spike_adapter.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "common/number_text.h"

namespace autocomp::gemmini {
namespace fs = std::filesystem;

std::string FindInPath(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty()) continue;
    fs::path p = fs::path(dir) / name;
    if (access(p.c_str(), X_OK) == 0) return p.string();
  }
  return "";
}

Result<SpikeAdapter> SpikeAdapter::Create(const fs::path& spike) {
  if (spike.empty()) return FailedPreconditionError("no Spike binary configured (simulator \"spike@/path/to/spike\")");
  if (access(spike.c_str(), X_OK) != 0) {
    return FailedPreconditionError("Spike binary '" + spike.string() +
                                   "' does not exist or is not executable (simulator \"spike@PATH\")");
  }
  // The extension is a shared library next to Spike: <prefix>/lib/libgemmini.so.
  fs::path lib = spike.parent_path().parent_path() / "lib" / "libgemmini.so";
  if (!fs::exists(lib)) {
    return FailedPreconditionError("Spike at '" + spike.string() + "' has no Gemmini extension: " + lib.string() +
                                   " is missing (build libgemmini and install it into Spike's prefix)");
  }
  SpikeAdapter a;
  a.spike_ = spike;
  a.stdbuf_ = FindInPath("stdbuf");
  return a;
}

std::vector<std::string> SpikeAdapter::Command(const fs::path& elf) const {
  std::vector<std::string> argv;
  if (!stdbuf_.empty()) argv = {stdbuf_, "-oL"};  // keep the extension's lines in order with the program's
  argv.push_back(spike_.string());
  argv.push_back("--extension=gemmini");
  argv.push_back(elf.string());
  return argv;
}

std::optional<uint64_t> GuestCycles(const std::string& output) {
  std::stringstream ss(output);
  std::string line;
  std::optional<uint64_t> cycles;
  constexpr std::string_view kPrefix = "autocomp: cycles ";
  while (std::getline(ss, line)) {
    if (line.rfind(kPrefix, 0) != 0) continue;
    std::string_view value = std::string_view(line).substr(kPrefix.size());
    if (!value.empty() && value.back() == '\r') value.remove_suffix(1);
    if (auto n = ParseNumber<uint64_t>(value)) cycles = *n;
  }
  return cycles;
}

int CountGuestCycleLines(const std::string& output) {
  std::stringstream ss(output);
  std::string line;
  int n = 0;
  while (std::getline(ss, line)) n += line.find("autocomp: cycles ") != std::string::npos;
  return n;
}

SpikeRun SpikeAdapter::Parse(const std::string& output) {
  SpikeRun run;
  std::stringstream ss(output);
  std::string line;
  while (std::getline(ss, line)) {
    unsigned long cols = 0, rows = 0;
    unsigned long long from = 0, to = 0;
    int code = 0;
    if (std::sscanf(line.c_str(), "GEMMINI: mvin - 0x%lx cols and 0x%lx rows from 0x%llx to addr 0x%llx",
                    &cols, &rows, &from, &to) == 4) {
      ++run.mvin_lines;
      uint64_t row = (to & 0x3FFFFFF) + (rows ? rows - 1 : 0);
      if (to & 0x80000000ULL) { run.any_acc = true; run.max_acc_row = std::max<uint64_t>(run.max_acc_row, row); }
      else { run.any_spad = true; run.max_spad_row = std::max<uint64_t>(run.max_spad_row, row); }
      continue;
    }
    if (std::sscanf(line.c_str(), "GEMMINI: mvout - 0x%lx cols and 0x%lx rows from 0x%llx to addr 0x%llx",
                    &cols, &rows, &from, &to) == 4) {
      ++run.mvout_lines;
      continue;
    }
    if (line.rfind("Gemmini extension configured with:", 0) == 0 || line.rfind("    dim = ", 0) == 0) continue;
    if (std::sscanf(line.c_str(), "*** FAILED *** (tohost = %d)", &code) == 1) {
      run.failed_tohost = code;
      continue;
    }
    run.program_output += line + "\n";
  }
  return run;
}

}  // namespace autocomp::gemmini
