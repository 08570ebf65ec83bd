// backends/gemmini/sim/run_report.cc — RunResult → JSON.
#include "sim/run_report.h"

#include <string>

namespace autocomp::gemmini {

nlohmann::json RunReport(const RunResult& r, const MachineOptions& options) {
  nlohmann::json j;
  j["config"] = options.config.name;
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
  if (r.measured.entered) {
    j["measured_call"] = {{"function", options.measure_function}, {"returned", r.measured.returned},
                          {"instructions", r.measured.instructions}, {"cycle_estimate", r.measured.cycle_estimate}};
  }
  const auto& g = r.gemmini;
  nlohmann::json by_funct = nlohmann::json::object();
  for (int f = 0; f < 128; ++f) {
    if (g.by_funct[f]) by_funct[FunctName(f) + std::string(f >= 16 && f <= 21 ? std::to_string(f - 15) : "")] = g.by_funct[f];
  }
  j["gemmini"] = {{"instructions", g.instructions}, {"by_funct", by_funct},
                  {"mvin_rows", g.mvin_rows}, {"mvout_rows", g.mvout_rows},
                  {"mvin_bytes", g.mvin_bytes}, {"mvout_bytes", g.mvout_bytes},
                  {"preloads", g.preloads}, {"computes", g.computes}, {"macs", g.macs},
                  {"scratchpad_rows_used", g.sp_rows_touched}, {"scratchpad_rows", options.config.sp_rows()},
                  {"accumulator_rows_used", g.acc_rows_touched}, {"accumulator_rows", options.config.acc_rows},
                  {"unwritten_reads", g.unwritten_reads}};
  nlohmann::json diags = nlohmann::json::array();
  for (const auto& d : r.diagnostics) diags.push_back({{"fatal", d.fatal}, {"message", d.message}});
  j["diagnostics"] = diags;
  j["host_seconds"] = r.seconds;
  j["mips"] = r.seconds > 0 ? double(r.attempted) / r.seconds / 1e6 : 0.0;
  return j;
}

}  // namespace autocomp::gemmini
