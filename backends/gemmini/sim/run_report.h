// backends/gemmini/sim/run_report.h — a simulator run's counts as the JSON
// report of autocomp-gemmini-sim (schema in docs/gemmini.md).
#pragma once

#include <nlohmann/json.hpp>

#include "sim/machine.h"

namespace autocomp::gemmini {

// Everything but the program's output: stop, counts, Gemmini statistics, diagnostics.
nlohmann::json RunReport(const RunResult& r, const MachineOptions& options);

}  // namespace autocomp::gemmini
