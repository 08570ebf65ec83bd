// src/master/cli/commands.h — the subcommands of the autocomp binary.
#pragma once

#include <string>
#include <vector>

namespace autocomp {

struct RunArgs {
  std::string config;   // may be empty with --resume
  std::string out;
  std::string resume;
  std::string replay;   // answer LLM requests from this run file's recorded responses only
  std::string log_level = "info";
  bool json_progress = false;  // force JSON lines even on a terminal
};
// Called on every MPI rank; rank 0 becomes the master.
int RunCommand(const RunArgs& args);

struct EvalArgs {
  std::string backend;  // "" = from the problem id or the config, else cpu
  std::string problem;   // "gemm/0" or "cpu/gemm/0"
  std::vector<std::string> code_files;  // one or more; several are evaluated together (parallel builds)
  std::string config;    // optional: eval settings from a config file
  int repeats = 0;       // 0 = the config's/default
};
int EvalCommand(const EvalArgs& args);

// `config` (may be empty): a config file whose backend_options the backend gets.
int ProblemsCommand(const std::string& backend, const std::string& config, bool json);

int ReportCommand(const std::string& run_file, bool json, bool code);

}  // namespace autocomp
