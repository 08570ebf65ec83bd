// src/master/cli/main.cc — the autocomp command line (CLI11).
#include <CLI/CLI.hpp>

#include "common/exit_codes.h"
#include "master/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"autocomp: LLM-driven optimization of accelerator kernels, as an MPI batch job.\n"
               "Exit codes: 0 ok, 1 failed (eval: candidate not correct), 2 bad usage/config,\n"
               "3 corrupt run file, 4 missing toolchain/unhealthy worker, 5 stopped (resume with --resume)."};
  app.require_subcommand(1);

  autocomp::RunArgs run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run a search (under mpirun/srun: rank 0 is the master, the others workers)");
  run_cmd->add_option("config", run.config, "JSON config (see docs/config.md)");
  run_cmd->add_option("--out", run.out, "Run file to create (default: output.path, else runs/<config name>.h5)");
  run_cmd->add_option("--resume", run.resume, "Continue the run recorded in this file");
  run_cmd->add_option("--replay", run.replay,
                      "Re-run the search of this run file from its recorded LLM responses, without any network "
                      "(measures everything again; needs --out)");
  run_cmd->add_option("--log-level", run.log_level, "debug, info, warn or error")->capture_default_str();
  run_cmd->add_flag("--json-progress", run.json_progress, "JSON progress lines even on a terminal");

  autocomp::EvalArgs eval;
  CLI::App* eval_cmd = app.add_subcommand("eval", "Build, check and measure one code file against one problem; prints JSON");
  eval_cmd->add_option("problem", eval.problem, "Problem id, e.g. gemm/0 or cpu/gemm/0")->required();
  eval_cmd->add_option("code", eval.code_files,
                       "Source file(s) with the solution; several are built in parallel and measured one by one, "
                       "printed as a JSON array")->required();
  eval_cmd->add_option("--backend", eval.backend, "Backend (default: the one the problem id or the config names, else cpu)");
  eval_cmd->add_option("--config", eval.config, "Take eval settings (repeats, timeouts, score) from this config");
  eval_cmd->add_option("--repeats", eval.repeats, "Timed repeats (overrides the config)")->check(CLI::Range(1, 100000));

  std::string problems_backend = "cpu", problems_config;
  bool problems_json = false;
  CLI::App* problems_cmd = app.add_subcommand("problems", "List the problems of a backend with their shapes");
  problems_cmd->add_option("backend", problems_backend, "Backend")->capture_default_str();
  problems_cmd->add_flag("--json", problems_json, "Machine-readable output");
  problems_cmd->add_option("--config", problems_config,
                           "Take backend_options (e.g. a KernelBench checkout) from this config");

  std::string report_file;
  bool report_json = false, report_code = false;
  CLI::App* report_cmd = app.add_subcommand("report", "Summarize a run file");
  report_cmd->add_option("run_file", report_file, "The run's HDF5 file")->required();
  report_cmd->add_flag("--json", report_json, "Machine-readable summary");
  report_cmd->add_flag("--code", report_code, "Include the best code of each problem");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : autocomp::kExitUsage;
  }
  if (*run_cmd) return autocomp::RunCommand(run);
  if (*eval_cmd) return autocomp::EvalCommand(eval);
  if (*problems_cmd) return autocomp::ProblemsCommand(problems_backend, problems_config, problems_json);
  if (*report_cmd) return autocomp::ReportCommand(report_file, report_json, report_code);
  return autocomp::kExitUsage;
}
