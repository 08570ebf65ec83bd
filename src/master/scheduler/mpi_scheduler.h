// src/master/scheduler/mpi_scheduler.h
//
// Dispatches tasks to worker ranks over MPI. Start() collects one HELLO per
// worker; afterwards Poll() drains every message that has arrived
// (MPI_Iprobe, never blocking), frees completed sends, and fills free slots
// from the queue, preferring the worker with the most free slots. Sends are
// non-blocking (MPI_Isend); their buffers live until the send completes.
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
  explicit MpiScheduler(MPI_Comm comm);
  ~MpiScheduler() override;

  // Waits for a HELLO from every worker rank (at most `timeout_s`).
  Status Start(double timeout_s);

  void Submit(EvalTask task) override;
  std::vector<ResultMsg> Poll() override;
  SchedulerStats stats() const override;
  const std::vector<HelloMsg>& workers() const override { return hellos_; }
  void Shutdown(const std::string& reason) override;

 private:
  struct PendingSend {
    MPI_Request request;
    std::string buffer;
  };
  void Dispatch();
  void Send(int rank, Tag tag, std::string bytes);
  void CompleteSends();

  MPI_Comm comm_;
  int size_ = 1;
  std::vector<HelloMsg> hellos_;             // index = rank - 1
  std::vector<int> outstanding_;             // index = rank - 1
  std::map<uint64_t, int> task_rank_;        // where each task is
  std::deque<EvalTask> queue_;
  std::list<PendingSend> sends_;
  bool shut_down_ = false;
};

}  // namespace autocomp
