// src/master/cli/report_command.cc — `autocomp report RUN.h5 [--json] [--code]`.
#include <iostream>

#include "common/exit_codes.h"
#include "common/logging.h"
#include "common/run_store.h"
#include "master/cli/commands.h"
#include "master/report/report.h"

namespace autocomp {

int ReportCommand(const std::string& run_file, bool json, bool code) {
  SetUpLogging(0, "warn", false);
  auto state = LoadRun(run_file);
  if (!state.ok()) {
    std::cerr << "autocomp report: " << state.status().ToString() << "\n";
    return ExitCodeFor(state.status());
  }
  if (json) {
    std::cout << ReportJson(*state).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << ReportText(*state, code);
  }
  return kExitOk;
}

}  // namespace autocomp
