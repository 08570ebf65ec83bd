// src/master/scheduler/mpi_scheduler.cc — dynamic dispatch over MPI.
#include "master/scheduler/mpi_scheduler.h"

#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace autocomp {

namespace {

std::string Indented(std::string text) {
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 5)) text.replace(at, 1, "\n    ");
  return text;
}

}  // namespace

MpiScheduler::MpiScheduler(MPI_Comm comm, Options options) : comm_(comm), options_(std::move(options)), sender_(comm) {
  MPI_Comm_size(comm_, &size_);
  hellos_.resize(static_cast<size_t>(size_ - 1));
  outstanding_.assign(static_cast<size_t>(size_ - 1), 0);
  last_heard_.assign(static_cast<size_t>(size_ - 1), std::chrono::steady_clock::now());
  alive_.assign(static_cast<size_t>(size_ - 1), true);
}

MpiScheduler::~MpiScheduler() { Shutdown("master finished"); }

Status MpiScheduler::Start(const std::string& backend_version, const std::string& details) {
  const double timeout_s = options_.hello_timeout_s;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  int received = 0;
  std::vector<bool> seen(static_cast<size_t>(size_ - 1), false);
  while (received < size_ - 1) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, static_cast<int>(Tag::kHello), comm_, &flag, &status);
    if (!flag) {
      if (std::chrono::steady_clock::now() > deadline) {
        std::string missing;
        for (int r = 1; r < size_; ++r) {
          if (!seen[r - 1]) missing += (missing.empty() ? "" : ", ") + std::to_string(r);
        }
        return UnavailableError("no HELLO from worker rank(s) " + missing + " within " +
                                std::to_string(static_cast<int>(timeout_s)) + " s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    std::string bytes = ReceiveAnnounced(comm_, status);
    HelloMsg hello;
    AUTOCOMP_RETURN_IF_ERROR(Decode(bytes, &hello));
    const int rank = status.MPI_SOURCE;
    hello.rank = rank;
    if (!seen[rank - 1]) ++received;
    seen[rank - 1] = true;
    hellos_[rank - 1] = hello;
    last_heard_[rank - 1] = std::chrono::steady_clock::now();
    if (!hello.healthy) {
      return FailedPreconditionError("worker rank " + std::to_string(rank) + " on " + hello.host +
                                     " cannot evaluate: " + hello.error);
    }
    if (hello.backend_version != backend_version) {
      return FailedPreconditionError(
          "worker rank " + std::to_string(rank) + " on " + hello.host + " has backend version '" +
          hello.backend_version + "', the master has '" + backend_version +
          "': its scores would not be comparable (different toolchain, CPU model or simulator build); "
          "run every rank on the same kind of node and software.\n  worker's backend:\n    " +
          Indented(hello.backend_version_details) + "\n  master's backend:\n    " + Indented(details));
    }
  }
  return Status::Ok();
}

void MpiScheduler::Submit(EvalTask task) {
  // Ordered by priority, first come first served within one priority.
  auto at = std::upper_bound(queue_.begin(), queue_.end(), task.priority,
                             [](int priority, const EvalTask& t) { return priority < t.priority; });
  queue_.insert(at, std::move(task));
  Dispatch();
}

void MpiScheduler::Dispatch() {
  while (!queue_.empty()) {
    int best = -1, best_free = 0;
    for (int w = 0; w < size_ - 1; ++w) {
      if (!alive_[w]) continue;
      int free = hellos_[w].slots - outstanding_[w];
      if (free > best_free) {
        best = w;
        best_free = free;
      }
    }
    if (best < 0) return;
    EvalBatchMsg batch;
    // Spread work: give one task at a time to the emptiest worker unless it is the only one.
    const int take = size_ == 2 ? best_free : 1;
    for (int i = 0; i < take && !queue_.empty(); ++i) {
      on_worker_[queue_.front().task_id] = {best + 1, queue_.front()};
      batch.tasks.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    outstanding_[best] += static_cast<int>(batch.tasks.size());
    sender_.Send(best + 1, Tag::kEvalBatch, Encode(batch));
  }
}

std::vector<ResultMsg> MpiScheduler::Poll() {
  std::vector<ResultMsg> results;
  while (true) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, comm_, &flag, &status);
    if (!flag) break;
    std::string bytes = ReceiveAnnounced(comm_, status);
    const int rank = status.MPI_SOURCE;
    if (!alive_[rank - 1]) continue;  // a lost worker's late messages: its tasks were re-queued
    last_heard_[rank - 1] = std::chrono::steady_clock::now();
    switch (static_cast<Tag>(status.MPI_TAG)) {
      case Tag::kResult: {
        ResultMsg r;
        Status s = Decode(bytes, &r);
        if (!s.ok()) {
          // Its task cannot be matched: retire the worker so that what it
          // held runs elsewhere, rather than waiting for it forever.
          Retire(rank, "sent a result that could not be read (" + s.ToString() + ")");
          break;
        }
        if (on_worker_.erase(r.task_id) == 0) break;  // already re-queued and answered elsewhere
        --outstanding_[rank - 1];
        results.push_back(std::move(r));
        break;
      }
      case Tag::kHeartbeat:
        break;
      case Tag::kShutdown:  // the worker is leaving (it got a signal)
        Retire(rank, "left (it received a signal)");
        break;
      default:
        spdlog::warn("unexpected message tag {} from rank {}", status.MPI_TAG, rank);
    }
  }
  sender_.Progress();
  CheckSilentWorkers();
  Dispatch();
  return results;
}

void MpiScheduler::Retire(int rank, const std::string& why) {
  const int w = rank - 1;
  if (!alive_[w]) return;
  alive_[w] = false;
  int requeued = 0;
  for (auto it = on_worker_.begin(); it != on_worker_.end();) {
    if (it->second.first != rank) {
      ++it;
      continue;
    }
    queue_.push_front(std::move(it->second.second));
    it = on_worker_.erase(it);
    ++requeued;
  }
  outstanding_[w] = 0;
  spdlog::error("worker rank {} on {} {}: {} task(s) re-queued", rank, hellos_[w].host, why, requeued);
}

void MpiScheduler::CheckSilentWorkers() {
  const auto now = std::chrono::steady_clock::now();
  for (int w = 0; w < size_ - 1; ++w) {
    if (!alive_[w] || std::chrono::duration<double>(now - last_heard_[w]).count() < options_.lost_after_s) continue;
    lost_.push_back(w + 1);
    Retire(w + 1, fmt::format("silent for {:.0f} s: declared lost", options_.lost_after_s));
  }
}

SchedulerStats MpiScheduler::stats() const {
  SchedulerStats s;
  s.workers = size_ - 1 - static_cast<int>(lost_.size());
  for (int o : outstanding_) {
    if (o > 0) ++s.busy_workers;
    s.in_flight += static_cast<size_t>(o);
  }
  s.queued = queue_.size();
  return s;
}

void MpiScheduler::Shutdown(const std::string& reason) {
  if (shut_down_) return;
  shut_down_ = true;
  int expected = 0;
  for (int r = 1; r < size_; ++r) {
    if (!alive_[r - 1]) continue;
    sender_.Send(r, Tag::kShutdown, Encode(ShutdownMsg{reason}));
    ++expected;
  }
  // Drain until every live worker says goodbye (a SHUTDOWN back): results
  // still on their way are received and dropped, so no send is left unmatched.
  int byes = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (byes < expected && std::chrono::steady_clock::now() < deadline) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, comm_, &flag, &status);
    if (!flag) {
      sender_.Progress();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    (void)ReceiveAnnounced(comm_, status);
    if (status.MPI_TAG == static_cast<int>(Tag::kShutdown) && alive_[status.MPI_SOURCE - 1]) {
      alive_[status.MPI_SOURCE - 1] = false;  // counted once
      ++byes;
    }
  }
  if (byes < expected) spdlog::warn("{} worker(s) did not acknowledge the shutdown", expected - byes);
  sender_.CancelAll();
}

}  // namespace autocomp
