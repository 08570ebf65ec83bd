// src/common/backend.h
//
// A Backend turns one candidate's source code into a checked, measured score
// on one kind of target (cpu, gemmini, cuda, trn). It is the only code that
// knows its target's files, compiler and simulator; search, scheduler and
// store see only Problem, Candidate and EvalResult.
//
//   ListProblems()/LoadProblem()  read sols/<backend>/ under the home dir.
//   Prepare()  builds into a private scratch dir. CPU only; many at once.
//   Measure()  runs the artifact on a Resource the caller holds exclusively.
//              A score is set only after the output matched the reference,
//              and only by trusted code the candidate cannot reach: every
//              backend meets the evaluation contract of docs/evaluation.md.
//
// A misbehaving candidate is a result (EvalStatus), not an error. A non-OK
// Status means the backend itself is unusable (missing toolchain, unreadable
// harness); the worker then reports itself unhealthy.
//
// Thread-safety: all methods are const and safe to call concurrently; no
// per-candidate state. Ownership: the caller creates and removes scratch
// dirs; artifacts live inside them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/eval_options.h"
#include "common/eval_result.h"
#include "common/problem.h"
#include "common/resource.h"
#include "common/sandbox.h"
#include "common/status.h"

namespace autocomp {

class OfflineTuner;

// How thoroughly one measurement checks (docs/evaluation.md, item 7).
struct MeasureOptions {
  // The whole sequence of checked calls is repeated this many times, each
  // with fresh inputs: re-measuring a suspiciously fast candidate and the
  // final re-verification of a problem's best ask for more than 1.
  int rounds = 1;
};

// One built candidate for Backend::MeasureBatch.
struct MeasureItem {
  const Problem* problem = nullptr;
  std::filesystem::path scratch;
  MeasureOptions options;
};

// Everything a backend is constructed with.
struct BackendContext {
  std::filesystem::path home;         // holds sols/, prompts/, backends/
  std::string simulator;              // backend-specific; "" = the backend's default
  // The config's "backend_options" object; the backend's factory validates it
  // (errors through ConfigReader(options, "backend_options", config_source)).
  nlohmann::json options = nlohmann::json::object();
  std::string config_source;          // the config file's name, for those errors
  EvalOptions eval;
  std::shared_ptr<const Sandbox> sandbox;
  std::filesystem::path cache_dir;    // per-process cache for trusted build products
};

class Backend {
 public:
  virtual ~Backend() = default;

  virtual std::string name() const = 0;
  // Changes whenever a change to the backend could change a score (its trusted
  // files, toolchain, CPU model, simulator build); part of CodeKey. The master
  // refuses a worker whose version differs from its own.
  virtual std::string version() const = 0;
  // What the version is made of, readable (one input per line), for the message that refuses a worker.
  virtual std::string version_details() const { return version(); }
  // True for benchmark-only backends whose scores are not real measurements.
  virtual bool synthetic() const { return false; }

  // Checks that the toolchain/simulator this backend needs is present.
  virtual Status CheckEnvironment() const = 0;

  virtual Result<std::vector<ProblemInfo>> ListProblems() const = 0;
  virtual Result<Problem> LoadProblem(const ProblemId& id) const = 0;

  virtual BuildResult Prepare(const Problem& problem, const std::string& code,
                              const std::filesystem::path& scratch) const = 0;
  virtual EvalResult Measure(const Problem& problem, const std::filesystem::path& scratch,
                             const Resource& resource, const MeasureOptions& options) const = 0;

  // True when the device being timed is the CPU itself: measurements then
  // need the node quiet (no builds, no other measurements; see
  // src/worker/node_quiet_lock.h).
  virtual bool measurement_needs_quiet_node() const { return false; }
  // What a worker must own to measure: "cpu" (cores), "gpu", or "neuron".
  virtual std::string resource_kind() const { return "cpu"; }

  // How many built candidates MeasureBatch may take at once. FireSim, for
  // one, amortizes its start-up over several; 1 (default): one at a time.
  virtual int measure_batch_size() const { return 1; }
  // Measures several built candidates together; one result per item, in
  // order. The default measures them one by one.
  virtual std::vector<EvalResult> MeasureBatch(const std::vector<MeasureItem>& items, const Resource& resource) const {
    std::vector<EvalResult> results;
    for (const MeasureItem& item : items) results.push_back(Measure(*item.problem, item.scratch, resource, item.options));
    return results;
  }

  // Knobs for the offline proposer; nullptr if the backend has none.
  virtual const OfflineTuner* offline_tuner() const { return nullptr; }
};

}  // namespace autocomp
