// src/master/scheduler/scheduler.h
//
// Hands evaluation tasks to workers and collects their results, one by one
// as they finish. Dispatch is dynamic: a worker receives more work as soon
// as it has a free slot (slots = its parallel builds plus a short measure
// queue, announced in HELLO), so fast workers are never held back by slow
// ones.
//
//   InProcessScheduler  one rank: an EvalEngine inside the master
//   MpiScheduler        ranks 1..N-1 over MPI (wire.h)
//
// Both are non-blocking: Submit() queues, Poll() returns what arrived.
// Thread-safety: the master's one thread only.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/wire.h"

namespace autocomp {

struct SchedulerStats {
  int workers = 0;
  int busy_workers = 0;   // workers holding at least one task
  size_t queued = 0;      // waiting for a free slot
  size_t in_flight = 0;   // on a worker
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual void Submit(EvalTask task) = 0;
  virtual std::vector<ResultMsg> Poll() = 0;
  virtual SchedulerStats stats() const = 0;
  // The HELLOs of the workers, in rank order.
  virtual const std::vector<HelloMsg>& workers() const = 0;
  // Non-OK when no worker is left to evaluate anything.
  virtual Status health() const { return Status::Ok(); }
  // Stops the workers; tasks still out are abandoned (a resumed run redoes them).
  virtual void Shutdown(const std::string& reason) = 0;
};

}  // namespace autocomp
