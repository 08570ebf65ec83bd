// src/master/progress/progress_reporter.h
//
// What the master tells the person or the batch log while it runs.
//   Terminal (stdout is a tty): one live status line, redrawn at most ten
//     times a second — problems done/in flight, iteration, best speedup so
//     far, candidates done/queued, workers busy.
//   Not a terminal (batch logs): one JSON object per line per event
//     ({"event": "result", ...}), and a "status" event every few seconds.
// Thread-safety: the master's one thread only.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace autocomp {

struct ProgressSnapshot {
  int problems_total = 0;
  int problems_done = 0;
  int problems_active = 0;
  int iteration = 0;         // highest iteration in progress
  int iterations = 0;
  double best_speedup = 0;   // best over all problems so far
  size_t candidates_done = 0;
  size_t candidates_waiting = 0;
  int workers_busy = 0;
  int workers = 0;
};

class ProgressReporter {
 public:
  ProgressReporter(std::FILE* out, bool terminal);

  // One event. On a terminal only notable ones are printed (as lines above the status line).
  void Event(const std::string& type, nlohmann::json fields);
  void Status(const ProgressSnapshot& s);
  // Ends the status line.
  void Finish();
  bool terminal() const { return terminal_; }

 private:
  std::FILE* out_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_, last_draw_{}, last_status_event_{};
  bool drawn_ = false;
};

}  // namespace autocomp
