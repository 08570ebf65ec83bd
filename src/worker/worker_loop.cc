// src/worker/worker_loop.cc — receive batches, evaluate, stream results.
#include "worker/worker_loop.h"

#include <signal.h>

#include <chrono>
#include <csignal>
#include <list>
#include <thread>

#include <spdlog/spdlog.h>

#include "common/wire.h"
#include "worker/evaluator_setup.h"

namespace autocomp {

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

class Sender {
 public:
  explicit Sender(MPI_Comm comm) : comm_(comm) {}
  void Send(Tag tag, std::string bytes) {
    sends_.push_back({MPI_REQUEST_NULL, std::move(bytes)});
    auto& s = sends_.back();
    MPI_Isend(s.buffer.data(), static_cast<int>(s.buffer.size()), MPI_BYTE, 0, static_cast<int>(tag), comm_,
              &s.request);
  }
  void Progress() {
    for (auto it = sends_.begin(); it != sends_.end();) {
      int done = 0;
      MPI_Test(&it->request, &done, MPI_STATUS_IGNORE);
      it = done ? sends_.erase(it) : std::next(it);
    }
  }
  void WaitAll() {
    for (auto& s : sends_) MPI_Wait(&s.request, MPI_STATUS_IGNORE);
    sends_.clear();
  }

 private:
  struct Pending {
    MPI_Request request;
    std::string buffer;
  };
  MPI_Comm comm_;
  std::list<Pending> sends_;
};

}  // namespace

int RunWorkerRank(MPI_Comm comm, const Config& config, const Placement& placement) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);

  Evaluator evaluator = SetUpEvaluator(config, placement, rank);
  Sender sender(comm);
  sender.Send(Tag::kHello, Encode(evaluator.hello));
  if (evaluator.hello.healthy) {
    spdlog::info("worker rank {} on {} ({}): {}, {} build thread(s)", rank, placement.host,
                 placement.launcher.empty() ? "local rank " + std::to_string(placement.local_rank) : placement.launcher,
                 evaluator.hello.resource.description, evaluator.hello.build_threads);
  } else {
    spdlog::error("worker rank {} on {} cannot evaluate: {}", rank, placement.host, evaluator.hello.error);
  }

  auto last_heartbeat = std::chrono::steady_clock::now();
  int idle_rounds = 0;
  bool shutdown = false;
  while (!shutdown) {
    bool active = false;
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(0, MPI_ANY_TAG, comm, &flag, &status);
    if (flag) {
      active = true;
      int count = 0;
      MPI_Get_count(&status, MPI_BYTE, &count);
      std::string bytes(static_cast<size_t>(count), '\0');
      MPI_Recv(bytes.data(), count, MPI_BYTE, 0, status.MPI_TAG, comm, MPI_STATUS_IGNORE);
      if (status.MPI_TAG == static_cast<int>(Tag::kShutdown)) {
        shutdown = true;
      } else if (status.MPI_TAG == static_cast<int>(Tag::kEvalBatch)) {
        EvalBatchMsg batch;
        Status s = Decode(bytes, &batch);
        if (!s.ok()) {
          spdlog::error("worker rank {}: {}", rank, s.ToString());
        } else if (!evaluator.engine) {
          for (const auto& task : batch.tasks) {
            ResultMsg r{task.task_id, {}};
            r.result.status = EvalStatus::kInfraError;
            r.result.message = "worker cannot evaluate: " + evaluator.hello.error;
            r.result.worker = rank;
            sender.Send(Tag::kResult, Encode(r));
          }
        } else {
          for (auto& task : batch.tasks) evaluator.engine->Submit(std::move(task));
        }
      }
    }
    if (evaluator.engine) {
      for (auto& r : evaluator.engine->TakeResults()) {
        active = true;
        sender.Send(Tag::kResult, Encode(r));
      }
    }
    sender.Progress();
    auto now = std::chrono::steady_clock::now();
    if (now - last_heartbeat > std::chrono::duration<double>(config.workers.heartbeat_s)) {
      HeartbeatMsg hb;
      hb.rank = rank;
      if (evaluator.engine) {
        hb.building = evaluator.engine->building();
        hb.measuring = evaluator.engine->measuring();
        hb.queued = evaluator.engine->queued();
      }
      sender.Send(Tag::kHeartbeat, Encode(hb));
      last_heartbeat = now;
    }
    if (g_stop) {
      spdlog::warn("worker rank {}: signal received; stopping candidates", rank);
      break;
    }
    // Back off while idle: 50 µs up to 2 ms between polls.
    idle_rounds = active ? 0 : std::min(idle_rounds + 1, 40);
    if (!active) std::this_thread::sleep_for(std::chrono::microseconds(50 * idle_rounds));
  }
  evaluator.engine.reset();  // kills running candidates, joins threads
  // Say goodbye either way: after SHUTDOWN it is the acknowledgement; after a
  // signal it tells the master at once that this rank's tasks must go elsewhere.
  sender.Send(Tag::kShutdown, Encode(ShutdownMsg{shutdown ? "bye" : "signal"}));
  sender.WaitAll();
  return evaluator.hello.healthy ? 0 : 4;
}

}  // namespace autocomp
