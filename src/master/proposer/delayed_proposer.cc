// src/master/proposer/delayed_proposer.cc — answers held for a simulated latency.
#include "master/proposer/delayed_proposer.h"

#include <cstdio>
#include <thread>

#include "common/hashing.h"

namespace autocomp {

void DelayedProposer::Submit(ProposalTask task) {
  const double fraction = static_cast<double>(StableSeed("latency|" + std::to_string(task.seed)) % 1000000) / 1e6;
  const double latency = min_ + (max_ - min_) * fraction;
  due_[task.id] = std::chrono::steady_clock::now() +
                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(latency));
  latency_[task.id] = latency;
  inner_->Submit(std::move(task));
}

std::vector<ProposalResult> DelayedProposer::Poll(int max_wait_ms) {
  for (ProposalResult& r : inner_->Poll(0)) {
    r.seconds = latency_[r.task_id];
    held_.emplace(due_[r.task_id], std::move(r));
    due_.erase(r.task_id);
    latency_.erase(r.task_id);
  }
  auto now = std::chrono::steady_clock::now();
  if (!held_.empty() && held_.begin()->first > now && max_wait_ms > 0) {
    auto wait = std::min(held_.begin()->first - now,
                         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                             std::chrono::milliseconds(max_wait_ms)));
    std::this_thread::sleep_for(wait);
    now = std::chrono::steady_clock::now();
  }
  std::vector<ProposalResult> out;
  while (!held_.empty() && held_.begin()->first <= now) {
    out.push_back(std::move(held_.begin()->second));
    held_.erase(held_.begin());
  }
  return out;
}

std::string DelayedProposer::description() const {
  char text[160];
  std::snprintf(text, sizeof text, "%s with simulated LLM latency %.2f-%.2f s (benchmark tool)",
                inner_->description().c_str(), min_, max_);
  return text;
}

}  // namespace autocomp
