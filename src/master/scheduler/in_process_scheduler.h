// src/master/scheduler/in_process_scheduler.h
//
// The scheduler of a one-rank run: the master evaluates candidates itself,
// through the same EvalEngine a worker rank uses, with no MPI traffic.
// Ownership: it keeps the backend the engine evaluates with (when given),
// and destroys the engine first.
#pragma once

#include <memory>

#include "master/scheduler/scheduler.h"
#include "worker/eval_engine.h"

namespace autocomp {

class InProcessScheduler final : public Scheduler {
 public:
  InProcessScheduler(std::unique_ptr<EvalEngine> engine, HelloMsg self, std::unique_ptr<Backend> backend = nullptr)
      : backend_(std::move(backend)), engine_(std::move(engine)), workers_{std::move(self)} {}

  // After Shutdown() nothing is accepted and nothing comes back.
  void Submit(EvalTask task) override {
    if (engine_) engine_->Submit(std::move(task));
  }
  std::vector<ResultMsg> Poll() override { return engine_ ? engine_->TakeResults() : std::vector<ResultMsg>{}; }
  SchedulerStats stats() const override {
    SchedulerStats s;
    s.workers = 1;
    s.in_flight = engine_ ? static_cast<size_t>(engine_->outstanding()) : 0;
    s.busy_workers = s.in_flight > 0 ? 1 : 0;
    return s;
  }
  const std::vector<HelloMsg>& workers() const override { return workers_; }
  void Shutdown(const std::string&) override { engine_.reset(); }

 private:
  std::unique_ptr<Backend> backend_;    // declared first: outlives the engine
  std::unique_ptr<EvalEngine> engine_;
  std::vector<HelloMsg> workers_;
};

}  // namespace autocomp
