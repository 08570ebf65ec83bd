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
//
//   autocomp-gemmini-sim --reference ref.elf --seeds 7,8 [--verdict-fd 3] prog.elf
//
// is the gemmini backend's trusted check (sim/reference_check.h): the JSON
// verdict goes to the file descriptor (or --json FILE); exit status 0 when
// the verdict was written, whatever it says.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include "common/number_text.h"
#include "sim/machine.h"
#include "sim/reference_check.h"
#include "sim/run_report.h"

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
               "  --hardware JSON          Gemmini parameters of the cycle model (object; default: the default SoC)\n"
               "  --quiet                  do not echo program output\n"
               "  --reference REF.elf      check prog.elf against REF.elf (both call `solution`)\n"
               "  --seeds A,B,...          seeds written to autocomp_seed_value, one run pair each (default 1)\n"
               "  --verdict-fd N           write the check's verdict to file descriptor N\n");
}

bool ParseU64(const char* s, uint64_t* v) {
  const std::optional<uint64_t> x = autocomp::ParseNumber<uint64_t>(s);
  if (x) *v = *x;
  return x.has_value();
}

}  // namespace

int main(int argc, char** argv) {
  MachineOptions opt;
  opt.max_instructions = 20000000000ULL;
  std::string json_path, program, reference;
  std::vector<uint64_t> seeds;
  int verdict_fd = -1;
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
    } else if (a == "--hardware") {
      // A JSON object of Gemmini parameters (docs/gemmini.md, "The cycle model").
      const std::string text = need("--hardware");
      const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
      auto hw = autocomp::gemmini::GemminiHardware::FromJson(j, "--hardware");
      if (j.is_discarded() || !hw.ok()) {
        std::fprintf(stderr, "autocomp-gemmini-sim: %s\n",
                     j.is_discarded() ? "--hardware needs a JSON object" : hw.status().message().c_str());
        return 2;
      }
      opt.hardware = *hw;
    } else if (a == "--reference") {
      reference = need("--reference");
    } else if (a == "--seeds") {
      std::string list = need("--seeds");
      size_t start = 0;
      while (start <= list.size()) {
        size_t comma = list.find(',', start);
        std::string one = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        uint64_t seed;
        if (!ParseU64(one.c_str(), &seed)) {
          std::fprintf(stderr, "autocomp-gemmini-sim: --seeds needs comma-separated integers, got '%s'\n", list.c_str());
          return 2;
        }
        seeds.push_back(seed);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (a == "--verdict-fd") {
      uint64_t fd;
      if (!ParseU64(need("--verdict-fd"), &fd) || fd < 3 || fd > 1024) {
        std::fprintf(stderr, "autocomp-gemmini-sim: --verdict-fd needs a descriptor number above 2\n");
        return 2;
      }
      verdict_fd = int(fd);
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

  if (!reference.empty()) {
    auto cand = ElfImage::Load(program);
    auto ref = ElfImage::Load(reference);
    nlohmann::json verdict;
    if (!ref.ok()) {
      verdict = {{"status", "infra_error"}, {"message", "reference: " + ref.status().message()}};
    } else if (!cand.ok()) {
      verdict = {{"status", "runtime_error"}, {"message", "the program cannot be loaded: " + cand.status().message()}};
    } else {
      autocomp::gemmini::ReferenceCheckOptions check;
      check.machine = opt;
      if (!seeds.empty()) check.seeds = seeds;
      check.compare_as_float = opt.config.name == "fp32";
      verdict = autocomp::gemmini::CheckAgainstReference(*cand, *ref, check);
    }
    std::string text = verdict.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (verdict_fd >= 0) {
      for (size_t done = 0; done < text.size();) {
        ssize_t n = write(verdict_fd, text.data() + done, text.size() - done);
        if (n <= 0) return 1;
        done += size_t(n);
      }
    } else if (json_path.empty() || json_path == "-") {
      std::cout << text;
    } else {
      std::ofstream(json_path) << text;
    }
    return 0;
  }

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
    nlohmann::json j = autocomp::gemmini::RunReport(r, opt);
    j["program"] = program;
    j["output"] = kept;
    j["output_bytes"] = output_bytes;
    j["output_truncated"] = output_bytes > kept.size();
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
