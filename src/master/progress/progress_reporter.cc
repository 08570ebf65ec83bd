// src/master/progress/progress_reporter.cc — status line or JSON lines.
#include "master/progress/progress_reporter.h"

#include "common/utc_time.h"

namespace autocomp {

ProgressReporter::ProgressReporter(std::FILE* out, bool terminal)
    : out_(out), terminal_(terminal), start_(std::chrono::steady_clock::now()) {}

void ProgressReporter::Event(const std::string& type, nlohmann::json fields) {
  if (terminal_) {
    static const char* kNotable[] = {"start", "problem_done", "iteration", "end", "baseline", "verified"};
    bool notable = false;
    for (const char* n : kNotable) notable |= type == n;
    if (!notable) return;
    std::string text = fields.value("text", "");
    if (text.empty()) return;
    std::fprintf(out_, "\r\033[K%s\n", text.c_str());
    drawn_ = false;
    std::fflush(out_);
    return;
  }
  fields.erase("text");
  nlohmann::json line = {{"event", type}, {"time", UtcTimestamp()}};
  line.update(fields);
  std::fprintf(out_, "%s\n", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  std::fflush(out_);
}

void ProgressReporter::Status(const ProgressSnapshot& s) {
  auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (!terminal_) {
    if (now - last_status_event_ < std::chrono::seconds(10)) return;
    last_status_event_ = now;
    Event("status", {{"problems_done", s.problems_done}, {"problems_total", s.problems_total},
                     {"problems_active", s.problems_active}, {"iteration", s.iteration},
                     {"iterations", s.iterations}, {"best_speedup", s.best_speedup},
                     {"candidates_done", s.candidates_done}, {"candidates_waiting", s.candidates_waiting},
                     {"workers_busy", s.workers_busy}, {"workers", s.workers}, {"elapsed_s", elapsed}});
    return;
  }
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  char line[256];
  std::snprintf(line, sizeof line,
                "[%5.0fs] problems %d/%d done, %d in flight | iter %d/%d | best %.2fx | candidates %zu done, "
                "%zu waiting | workers %d/%d busy",
                elapsed, s.problems_done, s.problems_total, s.problems_active, s.iteration, s.iterations,
                s.best_speedup, s.candidates_done, s.candidates_waiting, s.workers_busy, s.workers);
  std::fprintf(out_, "\r\033[K%s", line);
  std::fflush(out_);
  drawn_ = true;
}

void ProgressReporter::Finish() {
  if (terminal_ && drawn_) {
    std::fprintf(out_, "\n");
    std::fflush(out_);
    drawn_ = false;
  }
}

}  // namespace autocomp
