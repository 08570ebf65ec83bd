// src/common/config.h
//
// The run configuration: one JSON file (docs/config.md documents every
// key with its default and an example). Parsing validates everything it
// can without a backend: unknown keys, wrong types, out-of-range values,
// each reported as "<file>: <key path>: <what is wrong>". Problem ids are
// checked later against the backend (ResolveProblems in the master).
//
// Plain values; parsing has no side effects.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/eval_options.h"
#include "common/status.h"

namespace autocomp {

// "problems": {"set": "gemm", "ids": [0, 1]} or {"set": "gemm", "ids": "all"}.
struct ProblemSelection {
  std::string set;
  std::vector<int> ids;  // empty when all
  bool all = false;
};

struct SearchOptions {
  int iterations = 4;                  // beam-search iterations after the baseline
  int beam_size = 4;                   // candidates kept per iteration
  int plans_per_candidate = 4;         // phase-1 plans asked per beam candidate
  int impls_per_plan = 2;              // phase-2 implementations asked per plan
  double menu_keep_probability = 0.7;  // each menu entry kept in a prompt with this probability
  uint64_t seed = 0;                   // all randomness of the search derives from it
  int max_concurrent_problems = 8;     // problems searched at the same time
  // "pipelined": work starts the moment it exists; "phase_synchronous": one
  // problem at a time, all plans, then all code, then all evaluations (the
  // original Autocomp's order; for comparisons).
  std::string mode = "pipelined";

  // Selection (src/master/search/beam_selection.h).
  double keep_factor_early = 1.1;      // a child enters only if score < parent's × this, in early iterations
  int keep_factor_early_iterations = 2;
  double keep_factor = 1.0;            // ... and × this afterwards
  int duplicate_filter = 0;            // 0: not the same parent and plan; 1: one child per non-root parent;
                                       // 2: no shared non-root lineage
  bool reimplement_failed = false;     // one more implementation call for a failed candidate, with its error
  int early_stop_window = 0;           // stop a problem when best now ÷ best N iterations ago ≥ threshold (0: off)
  double early_stop_threshold = 0.99;
  bool schedule_reuse = false;         // the first problem of each set seeds the others with its winning plans

  // Prompts: each feedback item is shown with its own probability.
  double feedback_score = 1.0;
  double feedback_utilization = 1.0;
  double feedback_hardware = 1.0;
  bool examples_in_plan = false;       // put every worked example into plan prompts

  std::string preset;                  // "paper" or "newer" when one was applied
};

// Named parameter sets (search.preset): the paper-era and the newer
// Autocomp defaults. Keys given next to the preset override it.
Status ApplySearchPreset(const std::string& name, SearchOptions* options);

struct OutputOptions {
  std::string path;            // run file; `run --out` overrides; default runs/<config name>.h5
  double flush_seconds = 2.0;  // the run file is brought up to date at least this often
  std::string scratch_dir;     // where workers build and run candidates; default $TMPDIR/autocomp-<uid>
};

struct WorkerOptions {
  double heartbeat_s = 5;       // a worker sends a HEARTBEAT this often
  double lost_after_s = 60;     // silence after which the master re-queues a worker's tasks
  double hello_timeout_s = 300; // how long the master waits for every worker's HELLO
};

// Benchmark-only settings (docs/config.md): never affect real measurements.
struct BenchOptions {
  double proposal_latency_min_s = 0;  // simulated LLM latency per proposal request
  double proposal_latency_max_s = 0;
  bool delayed() const { return proposal_latency_max_s > 0; }
};

struct Config {
  std::string source;                       // file name, for messages
  std::string backend;
  std::string simulator;                    // backend-specific; "" = the backend's default
  // The backend's own settings, validated by the backend when it is created
  // (BackendContext::options); an empty object when absent.
  nlohmann::json backend_options = nlohmann::json::object();
  std::vector<ProblemSelection> problems;
  std::vector<std::string> models;          // "offline" = the offline proposer (no LLM)
  SearchOptions search;
  EvalOptions eval;
  OutputOptions output;
  WorkerOptions workers;
  BenchOptions bench;
  nlohmann::json llm = nlohmann::json::object();  // the "llm" section, validated by the LLM layer
  nlohmann::json raw;                       // the file as given, stored in the run file

  bool offline() const { return models.size() == 1 && models[0] == "offline"; }
};

// Parses and validates `j`; `source` names the file in error messages.
Result<Config> ParseConfig(const nlohmann::json& j, const std::string& source);

// Reads `path` and parses it. NotFound if missing; InvalidArgument if not JSON or invalid.
Result<Config> LoadConfigFile(const std::string& path);

}  // namespace autocomp
