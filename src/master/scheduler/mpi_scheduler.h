// src/master/scheduler/mpi_scheduler.h
//
// Dispatches tasks to worker ranks over MPI. Start() collects one HELLO per
// worker; afterwards Poll() drains every message that has arrived
// (MPI_Iprobe, never blocking), frees completed sends, and fills free slots
// from the queue (lowest priority value first: lagging problems before the
// rest), preferring the worker with the most free slots. Sends are
// non-blocking (MPI_Isend); their buffers live until the send completes.
//
// Start() refuses a worker whose backend version differs from the master's:
// the version is part of every CodeKey, so results measured by another
// toolchain, CPU model or simulator build would be mixed under one key.
//
// A worker silent for `lost_after_s` (no result, no heartbeat) is declared
// lost: its tasks go back to the front of the queue for the others, and it
// gets no more work. If every worker is lost, Poll() reports it through
// all_lost().
#pragma once

#include <mpi.h>

#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "common/mpi_channel.h"
#include "common/status.h"
#include "master/scheduler/scheduler.h"

namespace autocomp {

class MpiScheduler final : public Scheduler {
 public:
  struct Options {
    double lost_after_s = 60;     // workers.lost_after_s
    double hello_timeout_s = 300; // workers.hello_timeout_s
  };

  MpiScheduler(MPI_Comm comm, Options options);
  ~MpiScheduler() override;

  // Waits for a HELLO from every worker rank (at most hello_timeout_s); fails
  // naming the rank and node of a worker that cannot evaluate or whose
  // backend version is not `backend_version` (the master's).
  // `details` (Backend::version_details) go into that message.
  Status Start(const std::string& backend_version, const std::string& details);

  void Submit(EvalTask task) override;
  std::vector<ResultMsg> Poll() override;
  SchedulerStats stats() const override;
  const std::vector<HelloMsg>& workers() const override { return hellos_; }
  void Shutdown(const std::string& reason) override;

  Status health() const override {
    return all_lost() ? UnavailableError("no worker rank is left (all lost or gone)")
                      : Status::Ok();
  }
  // Ranks declared lost (silent) so far; ranks that said goodbye are not lost.
  const std::vector<int>& lost() const { return lost_; }
  bool all_lost() const {
    for (bool a : alive_) {
      if (a) return false;
    }
    return size_ > 1;
  }

 private:
  void Dispatch();
  void CheckSilentWorkers();
  // No more work for `rank`; its tasks go back to the front of the queue.
  void Retire(int rank, const std::string& why);

  MPI_Comm comm_;
  int size_ = 1;
  std::vector<HelloMsg> hellos_;             // index = rank - 1
  std::vector<int> outstanding_;             // index = rank - 1
  std::map<uint64_t, std::pair<int, EvalTask>> on_worker_;  // task id → (rank, task), until its result
  std::vector<std::chrono::steady_clock::time_point> last_heard_;  // index = rank - 1
  std::vector<bool> alive_;                                         // index = rank - 1
  std::vector<int> lost_;
  Options options_;
  MpiSender sender_;
  std::deque<EvalTask> queue_;
  bool shut_down_ = false;
};

}  // namespace autocomp
