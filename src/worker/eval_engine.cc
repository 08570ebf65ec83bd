// src/worker/eval_engine.cc — build pool + exclusive measure queue.
#include "worker/eval_engine.h"

#include "common/verification.h"

#include <exception>

namespace autocomp {

EvalEngine::EvalEngine(const Backend& backend, std::shared_ptr<const Sandbox> sandbox, Options options)
    : backend_(backend), sandbox_(std::move(sandbox)), options_(std::move(options)), quiet_(options_.quiet_lock_dir) {
  const int threads = std::max(1, options_.build_threads);
  for (int i = 0; i < threads; ++i) builders_.emplace_back([this] { BuildLoop(); });
  measurer_ = std::thread([this] { MeasureLoop(); });
}

EvalEngine::~EvalEngine() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  if (sandbox_) sandbox_->KillAll();
  build_cv_.notify_all();
  measure_cv_.notify_all();
  for (auto& t : builders_) t.join();
  measurer_.join();
}

void EvalEngine::Submit(EvalTask task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    build_queue_.push_back(std::move(task));
    ++outstanding_;
  }
  build_cv_.notify_one();
}

std::vector<ResultMsg> EvalEngine::TakeResults() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ResultMsg> out;
  out.swap(done_);
  outstanding_ -= static_cast<int>(out.size());
  return out;
}

int EvalEngine::building() const {
  std::lock_guard<std::mutex> lock(mu_);
  return building_;
}
int EvalEngine::measuring() const {
  std::lock_guard<std::mutex> lock(mu_);
  return measuring_;
}
int EvalEngine::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(build_queue_.size() + measure_queue_.size());
}
int EvalEngine::outstanding() const {
  std::lock_guard<std::mutex> lock(mu_);
  return outstanding_;
}

Result<Problem> EvalEngine::LoadProblem(const ProblemId& id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = problems_.find(id);
    if (it != problems_.end()) return it->second;
  }
  Result<Problem> loaded = backend_.LoadProblem(id);
  if (loaded.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    problems_.emplace(id, *loaded);
  }
  return loaded;
}

void EvalEngine::Finish(uint64_t task_id, EvalResult result) {
  result.worker = options_.rank;
  result.host = options_.host;
  std::lock_guard<std::mutex> lock(mu_);
  done_.push_back({task_id, std::move(result)});
}

void EvalEngine::BuildLoop() {
  while (true) {
    EvalTask task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      build_cv_.wait(lock, [&] { return stopping_ || !build_queue_.empty(); });
      if (stopping_) return;
      task = std::move(build_queue_.front());
      build_queue_.pop_front();
      ++building_;
    }
    Built built;
    built.task = std::move(task);
    EvalResult failure;
    bool ok = false;
    try {
      Result<Problem> problem = LoadProblem(built.task.problem);
      auto scratch = ScratchDir::Create(options_.scratch_root, "cand");
      if (!problem.ok()) {
        failure.status = EvalStatus::kInfraError;
        failure.message = problem.status().ToString();
      } else if (!scratch.ok()) {
        failure.status = EvalStatus::kInfraError;
        failure.message = scratch.status().ToString();
      } else {
        built.problem = *problem;
        built.scratch = std::make_unique<ScratchDir>(std::move(*scratch));
        NodeQuietLock::Guard quiet = quiet_.ForBuild();
        BuildResult b = backend_.Prepare(*built.problem, built.task.code, built.scratch->path());
        built.build_seconds = b.seconds;
        ok = b.ok;
        if (!ok) {
          failure.status = b.status;
          failure.message = b.message;
          failure.trace = b.log;
          failure.build_seconds = b.seconds;
        }
      }
    } catch (const std::exception& e) {
      failure.status = EvalStatus::kInfraError;
      failure.message = std::string("backend failed while building: ") + e.what();
    }
    if (!ok) Finish(built.task.task_id, std::move(failure));
    {
      std::lock_guard<std::mutex> lock(mu_);
      --building_;
      if (ok) measure_queue_.push_back(std::move(built));
    }
    if (ok) measure_cv_.notify_one();
  }
}

void EvalEngine::MeasureLoop() {
  const size_t batch_size = static_cast<size_t>(std::max(1, backend_.measure_batch_size()));
  while (true) {
    std::vector<Built> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      measure_cv_.wait(lock, [&] { return stopping_ || !measure_queue_.empty(); });
      if (stopping_) return;
      // Whatever is ready, up to the backend's batch size (FireSim packs them into one run).
      while (!measure_queue_.empty() && batch.size() < batch_size) {
        batch.push_back(std::move(measure_queue_.front()));
        measure_queue_.pop_front();
      }
      measuring_ += static_cast<int>(batch.size());
    }
    std::vector<MeasureItem> items;
    for (const Built& b : batch) items.push_back({&*b.problem, b.scratch->path(), MeasureOptions{b.task.rounds}});
    std::vector<EvalResult> results;
    try {
      NodeQuietLock::Guard quiet = quiet_.ForMeasure();
      results = batch.size() == 1 ? std::vector<EvalResult>{backend_.Measure(*items[0].problem, items[0].scratch,
                                                                             options_.resource, items[0].options)}
                                  : backend_.MeasureBatch(items, options_.resource);
    } catch (const std::exception& e) {
      results.clear();
      for (size_t i = 0; i < batch.size(); ++i) {
        EvalResult failed;
        failed.status = EvalStatus::kInfraError;
        failed.message = std::string("backend failed while measuring: ") + e.what();
        results.push_back(failed);
      }
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      EvalResult result = i < results.size() ? results[i] : EvalResult{};
      if (i >= results.size()) result.message = "the backend returned no result for this candidate";
      result.build_seconds = batch[i].build_seconds;
      const double below = batch[i].task.recheck_below;
      if (below > 0 && result.correct() && *result.score < below) result = Recheck(batch[i], std::move(result));
      batch[i].scratch.reset();  // remove the scratch dir before reporting
      Finish(batch[i].task.task_id, std::move(result));
    }
    std::lock_guard<std::mutex> lock(mu_);
    measuring_ -= static_cast<int>(batch.size());
  }
}

EvalResult EvalEngine::Recheck(const Built& built, EvalResult first) {
  const VerificationRequest request{EvalPurpose::kRecheck, std::max(2, 2 * built.task.rounds), built.task.recheck_below};
  EvalResult again;
  try {
    NodeQuietLock::Guard quiet = quiet_.ForMeasure();
    again = backend_.Measure(*built.problem, built.scratch->path(), options_.resource, MeasureOptions{request.rounds});
  } catch (const std::exception& e) {
    again.status = EvalStatus::kInfraError;
    again.message = std::string("backend failed while re-measuring: ") + e.what();
  }
  return MergeVerification(std::move(first), std::move(again), request);
}

}  // namespace autocomp
