// backends/gemmini/cli/gemmini_sim_main.cc — autocomp-gemmini-sim: runs a
// bare-metal RISC-V program on the built-in RV64 + Gemmini simulator, the
// way `spike --extension=gemmini prog.elf` runs it, and reports counts.
//
//   autocomp-gemmini-sim [options] prog.elf
//
// Program output is echoed to stdout as it is produced (unless --quiet or
// --json -). --json FILE writes a machine-readable report (schema in
// docs/gemmini.md). The exit status is the program's exit code; 1 when the
// run did not end normally; 2 for bad usage.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/machine.h"

using autocomp::gemmini::ElfImage;
using autocomp::gemmini::GemminiConfig;
using autocomp::gemmini::Machine;
using autocomp::gemmini::MachineOptions;
using autocomp::gemmini::RunResult;

namespace {

constexpr size_t kOutputKeep = 1 << 20;  // bytes of program output kept in the JSON report

void Usage() {
  std::fprintf(stderr,
               "usage: autocomp-gemmini-sim [options] prog.elf\n"
               "  --config int8|fp32       Gemmini configuration (default int8: DIM 16)\n"
               "  --spike-log              print Spike's 'GEMMINI: mvin/mvout' lines\n"
               "  --json FILE              write a JSON report to FILE ('-' = stdout, implies --quiet)\n"
               "  --max-instructions N     stop after N instructions (default 20000000000)\n"
               "  --memory-mb N            DRAM size in MiB (default 2048, as Spike)\n"
               "  --no-timing              skip the cycle estimate\n"
               "  --quiet                  do not echo program output\n");
}

bool ParseU64(const char* s, uint64_t* v) {
  char* end = nullptr;
  errno = 0;
  unsigned long long x = std::strtoull(s, &end, 10);
  if (errno != 0 || end == s || *end != '\0') return false;
  *v = x;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  MachineOptions opt;
  opt.max_instructions = 20000000000ULL;
  std::string json_path, program;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto need = [&](const char* what) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "autocomp-gemmini-sim: %s needs a value\n", what);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--config") {
      std::string name = need("--config");
      auto cfg = GemminiConfig::ByName(name);
      if (!cfg) {
        std::fprintf(stderr, "autocomp-gemmini-sim: unknown --config '%s' (int8 or fp32)\n", name.c_str());
        return 2;
      }
      opt.config = *cfg;
    } else if (a == "--spike-log") {
      opt.spike_log = true;
    } else if (a == "--json") {
      json_path = need("--json");
    } else if (a == "--max-instructions") {
      if (!ParseU64(need("--max-instructions"), &opt.max_instructions) || opt.max_instructions == 0) {
        std::fprintf(stderr, "autocomp-gemmini-sim: --max-instructions needs a positive integer\n");
        return 2;
      }
    } else if (a == "--memory-mb") {
      uint64_t mb;
      if (!ParseU64(need("--memory-mb"), &mb) || mb == 0 || mb > 65536) {
        std::fprintf(stderr, "autocomp-gemmini-sim: --memory-mb needs an integer in 1..65536\n");
        return 2;
      }
      opt.dram_bytes = mb << 20;
    } else if (a == "--no-timing") {
      opt.timing = false;
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "-h" || a == "--help") {
      Usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "autocomp-gemmini-sim: unknown option '%s'\n", a.c_str());
      Usage();
      return 2;
    } else if (program.empty()) {
      program = a;
    } else {
      std::fprintf(stderr, "autocomp-gemmini-sim: more than one program given ('%s', '%s')\n", program.c_str(), a.c_str());
      return 2;
    }
  }
  if (program.empty()) {
    Usage();
    return 2;
  }
  if (json_path == "-") quiet = true;

  std::string kept;
  uint64_t output_bytes = 0;
  opt.output = [&](const std::string& s) {
    output_bytes += s.size();
    if (kept.size() < kOutputKeep) kept.append(s, 0, std::min(s.size(), kOutputKeep - kept.size()));
    if (!quiet) {
      std::fwrite(s.data(), 1, s.size(), stdout);
      if (s.find('\n') != std::string::npos) std::fflush(stdout);
    }
  };

  auto image = ElfImage::Load(program);
  if (!image.ok()) {
    std::fprintf(stderr, "autocomp-gemmini-sim: %s\n", image.status().message().c_str());
    return 2;
  }
  auto machine = Machine::Create(*image, opt);
  if (!machine.ok()) {
    std::fprintf(stderr, "autocomp-gemmini-sim: %s\n", machine.status().message().c_str());
    return 2;
  }
  RunResult r = (*machine)->Run();
  std::fflush(stdout);

  for (const auto& d : r.diagnostics) {
    std::fprintf(stderr, "gemmini %s: %s\n", d.fatal ? "error" : "warning", d.message.c_str());
  }
  if (r.stop != RunResult::Stop::kExited) std::fprintf(stderr, "autocomp-gemmini-sim: %s\n", r.message.c_str());

  if (!json_path.empty()) {
    nlohmann::json j;
    j["program"] = program;
    j["config"] = opt.config.name;
    j["stop"] = RunResult::StopName(r.stop);
    j["exit_code"] = r.exit_code;
    j["message"] = r.message;
    j["instructions"] = r.instructions;
    j["spike_log_lines"] = r.log_lines;
    j["traps"] = r.traps;
    j["cycle_estimate"] = r.cycle_estimate;
    nlohmann::json reads = nlohmann::json::array();
    for (size_t i = 0; i < r.counter_reads.size() && i < 256; ++i) {
      reads.push_back({{"retired", r.counter_reads[i].retired}, {"cycle_estimate", r.counter_reads[i].estimate}});
    }
    j["counter_reads"] = reads;
    if (r.counter_reads.size() >= 2) {
      const auto& first = r.counter_reads.front();
      const auto& last = r.counter_reads.back();
      j["timed_region"] = {{"instructions", last.retired - first.retired},
                           {"cycle_estimate", last.estimate - first.estimate}};
    }
    const auto& g = r.gemmini;
    nlohmann::json by_funct = nlohmann::json::object();
    for (int f = 0; f < 128; ++f) {
      if (g.by_funct[f]) by_funct[autocomp::gemmini::FunctName(f) + std::string(f >= 16 && f <= 21 ? std::to_string(f - 15) : "")] = g.by_funct[f];
    }
    j["gemmini"] = {{"instructions", g.instructions}, {"by_funct", by_funct},
                    {"mvin_rows", g.mvin_rows}, {"mvout_rows", g.mvout_rows},
                    {"mvin_bytes", g.mvin_bytes}, {"mvout_bytes", g.mvout_bytes},
                    {"preloads", g.preloads}, {"computes", g.computes}, {"macs", g.macs},
                    {"scratchpad_rows_used", g.sp_rows_touched}, {"scratchpad_rows", opt.config.sp_rows()},
                    {"accumulator_rows_used", g.acc_rows_touched}, {"accumulator_rows", opt.config.acc_rows},
                    {"unwritten_reads", g.unwritten_reads}};
    nlohmann::json diags = nlohmann::json::array();
    for (const auto& d : r.diagnostics) diags.push_back({{"fatal", d.fatal}, {"message", d.message}});
    j["diagnostics"] = diags;
    j["output"] = kept;
    j["output_bytes"] = output_bytes;
    j["output_truncated"] = output_bytes > kept.size();
    j["host_seconds"] = r.seconds;
    j["mips"] = r.seconds > 0 ? double(r.attempted) / r.seconds / 1e6 : 0.0;
    std::string text = j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (json_path == "-") {
      std::cout << text << "\n";
    } else {
      std::ofstream out(json_path);
      out << text << "\n";
      if (!out) {
        std::fprintf(stderr, "autocomp-gemmini-sim: cannot write %s\n", json_path.c_str());
        return 1;
      }
    }
  }
  if (r.stop != RunResult::Stop::kExited) return r.exit_code ? r.exit_code : 1;
  return r.exit_code & 0xff;
}
