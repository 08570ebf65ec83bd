// src/worker/worker_loop.cc — receive batches, evaluate, stream results.
#include "worker/worker_loop.h"

#include <signal.h>

#include <chrono>
#include <csignal>
#include <thread>

#include <spdlog/spdlog.h>

#include "common/exit_codes.h"
#include "common/mpi_channel.h"
#include "common/wire.h"
#include "worker/evaluator_setup.h"

namespace autocomp {

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

}  // namespace

int RunWorkerRank(MPI_Comm comm, const EvaluatorOptions& options, const Placement& placement) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);

  Evaluator evaluator = SetUpEvaluator(options, placement, rank);
  MpiSender sender(comm);
  sender.Send(0, Tag::kHello, Encode(evaluator.hello));
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
      const std::string bytes = ReceiveAnnounced(comm, status);
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
            sender.Send(0, Tag::kResult, Encode(r));
          }
        } else {
          for (auto& task : batch.tasks) evaluator.engine->Submit(std::move(task));
        }
      }
    }
    if (evaluator.engine) {
      for (auto& r : evaluator.engine->TakeResults()) {
        active = true;
        sender.Send(0, Tag::kResult, Encode(r));
      }
    }
    sender.Progress();
    auto now = std::chrono::steady_clock::now();
    if (now - last_heartbeat > std::chrono::duration<double>(options.heartbeat_s)) {
      HeartbeatMsg hb;
      hb.rank = rank;
      if (evaluator.engine) {
        hb.building = evaluator.engine->building();
        hb.measuring = evaluator.engine->measuring();
        hb.queued = evaluator.engine->queued();
      }
      sender.Send(0, Tag::kHeartbeat, Encode(hb));
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
  sender.Send(0, Tag::kShutdown, Encode(ShutdownMsg{shutdown ? "bye" : "signal"}));
  sender.WaitAll();
  return evaluator.hello.healthy ? kExitOk : kExitEnvironment;
}

}  // namespace autocomp
