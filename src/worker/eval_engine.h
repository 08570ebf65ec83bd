// src/worker/eval_engine.h
//
// Evaluates candidates on one worker: builds run in parallel on a pool of
// threads (CPU work, many at once), measurements run one at a time on the
// worker's Resource (exclusive device use), in the order builds finish.
// Used by the MPI worker loop and, with one rank, in-process by the master —
// the same code path either way.
//
//   Submit()       queue a candidate; returns at once
//   TakeResults()  results finished since the last call, one per candidate
//
// A candidate's problems never reach the caller as errors: every task ends
// in exactly one ResultMsg (infra_error if the backend itself failed).
// Thread-safety: Submit/TakeResults/counters may be called from any thread.
// The backend must outlive the engine. Destruction kills running candidates.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "common/backend.h"
#include "common/sandbox.h"
#include "common/wire.h"
#include "worker/node_quiet_lock.h"

namespace autocomp {

class EvalEngine {
 public:
  struct Options {
    int build_threads = 1;
    std::filesystem::path scratch_root;  // private scratch dirs are made under it
    Resource resource;
    int rank = 0;
    std::string host;
    // When set (CPU-timed backends), builds and measurements on this node exclude each other.
    std::filesystem::path quiet_lock_dir;
  };

  EvalEngine(const Backend& backend, std::shared_ptr<const Sandbox> sandbox, Options options);
  ~EvalEngine();
  EvalEngine(const EvalEngine&) = delete;
  EvalEngine& operator=(const EvalEngine&) = delete;

  void Submit(EvalTask task);
  std::vector<ResultMsg> TakeResults();

  int building() const;
  int measuring() const;
  int queued() const;
  // Tasks submitted and not yet returned by TakeResults.
  int outstanding() const;

 private:
  struct Built {
    EvalTask task;
    std::optional<Problem> problem;
    std::unique_ptr<ScratchDir> scratch;
    double build_seconds = 0;
  };

  void BuildLoop();
  void MeasureLoop();
  // A suspiciously good first result measured again (wire.h EvalTask::recheck_below).
  EvalResult Recheck(const Built& built, EvalResult first);
  Result<Problem> LoadProblem(const ProblemId& id);
  void Finish(uint64_t task_id, EvalResult result);

  const Backend& backend_;
  std::shared_ptr<const Sandbox> sandbox_;
  Options options_;
  NodeQuietLock quiet_;

  mutable std::mutex mu_;
  std::condition_variable build_cv_, measure_cv_;
  std::deque<EvalTask> build_queue_;
  std::deque<Built> measure_queue_;
  std::vector<ResultMsg> done_;
  std::map<ProblemId, Problem> problems_;
  int building_ = 0, measuring_ = 0, outstanding_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> builders_;
  std::thread measurer_;
};

}  // namespace autocomp
