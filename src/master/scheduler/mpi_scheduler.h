// src/master/scheduler/mpi_scheduler.h
//
// Dispatches tasks to worker ranks over MPI. Start() collects one HELLO per
// worker; afterwards Poll() drains every message that has arrived
// (MPI_Iprobe, never blocking), frees completed sends, and fills free slots
// from the queue (lowest priority value first: lagging problems before the
// rest), preferring the worker with the most free slots. Sends are
// non-blocking (MPI_Isend); their buffers live until the send completes.
//
// A worker silent for `lost_after_s` (no result, no heartbeat) is declared
// lost: its tasks go back to the front of the queue for the others, and it
// gets no more work. If every worker is lost, Poll() reports it through
// all_lost().
#pragma once

#include <mpi.h>

#include <chrono>
#include <deque>
#include <list>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"
#include "master/scheduler/scheduler.h"

namespace autocomp {

class MpiScheduler final : public Scheduler {
 public:
  MpiScheduler(MPI_Comm comm, double lost_after_s);
  ~MpiScheduler() override;

  // Waits for a HELLO from every worker rank (at most `timeout_s`).
  Status Start(double timeout_s);

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
  struct PendingSend {
    MPI_Request request;
    std::string buffer;
  };
  void Dispatch();
  void Send(int rank, Tag tag, std::string bytes);
  void CompleteSends();
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
  double lost_after_s_;
  std::deque<EvalTask> queue_;
  std::list<PendingSend> sends_;
  bool shut_down_ = false;
};

}  // namespace autocomp
