// backends/gemmini/firesim_adapter.cc — FireSim workloads and UART logs.
#include "firesim_adapter.h"

#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

namespace autocomp::gemmini {
namespace fs = std::filesystem;

Result<FiresimAdapter> FiresimAdapter::Create(const fs::path& firesim, const fs::path& runtime_config) {
  std::string bin = FindInPath(firesim.string());
  if (bin.empty()) {
    return FailedPreconditionError("FireSim manager '" + firesim.string() +
                                   "' not found or not executable (source FireSim's sourceme-manager.sh)");
  }
  if (!fs::exists(runtime_config)) {
    return FailedPreconditionError("FireSim runtime config '" + runtime_config.string() + "' does not exist");
  }
  FiresimAdapter a;
  a.firesim_ = bin;
  a.runtime_config_ = runtime_config;
  return a;
}

Result<fs::path> FiresimAdapter::WriteWorkload(const fs::path& dir, const std::string& workload,
                                               const std::vector<FiresimJob>& jobs) const {
  if (jobs.empty()) return InvalidArgumentError("a FireSim workload needs at least one job");
  nlohmann::json j;
  j["benchmark_name"] = workload;
  j["common_simulation_outputs"] = {"uartlog"};
  j["workloads"] = nlohmann::json::array();
  for (const auto& job : jobs) {
    j["workloads"].push_back({{"name", job.name}, {"bootbinary", fs::absolute(job.elf).string()},
                              {"rootfs", nullptr}, {"outputs", nlohmann::json::array()}});
  }
  fs::path out = dir / (workload + ".json");
  std::ofstream f(out);
  f << j.dump(2) << "\n";
  if (!f) return InternalError("cannot write " + out.string());
  return out;
}

std::vector<std::vector<std::string>> FiresimAdapter::Commands(const fs::path& workload_json) const {
  const std::string c = "-c", cfg = runtime_config_.string();
  return {
      {firesim_.string(), "infrasetup", c, cfg, "--overrideconfigdata", "workload workload_name " + workload_json.filename().string()},
      {firesim_.string(), "runworkload", c, cfg, "--overrideconfigdata", "workload workload_name " + workload_json.filename().string()},
      {firesim_.string(), "terminaterunfarm", c, cfg, "--forceterminate"},
  };
}

FiresimJobResult FiresimAdapter::ParseUartLog(const std::string& name, const std::string& uartlog) {
  FiresimJobResult r;
  r.name = name;
  // UART logs may carry carriage returns from the target's console.
  std::string clean;
  clean.reserve(uartlog.size());
  for (char c : uartlog) if (c != '\r') clean += c;
  r.cycles = GuestCycles(clean);
  r.cycle_lines = CountGuestCycleLines(clean);
  r.finished = r.cycles.has_value();
  return r;
}

std::vector<std::vector<FiresimJob>> FiresimAdapter::Batches(const std::vector<FiresimJob>& jobs, bool after_hang) {
  std::vector<std::vector<FiresimJob>> out;
  if (jobs.empty()) return out;
  if (!after_hang) {
    out.push_back(jobs);
  } else {
    for (const auto& j : jobs) out.push_back({j});
  }
  return out;
}

}  // namespace autocomp::gemmini
