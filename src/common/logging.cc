// src/common/logging.cc — spdlog sink that cooperates with the status line.
#include "common/logging.h"

#include <cstdio>
#include <memory>
#include <mutex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

namespace autocomp {

namespace {

class StatusAwareStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit StatusAwareStderrSink(bool clear_line) : clear_line_(clear_line) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    if (clear_line_) std::fputs("\r\033[K", stderr);
    std::fwrite(formatted.data(), 1, formatted.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }

 private:
  bool clear_line_;
};

}  // namespace

void SetUpLogging(int rank, const std::string& level, bool tty_status_line) {
  auto sink = std::make_shared<StatusAwareStderrSink>(tty_status_line);
  auto logger = std::make_shared<spdlog::logger>("autocomp", sink);
  logger->set_pattern("[%H:%M:%S] [r" + std::to_string(rank) + "] %^%l%$: %v");
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace autocomp
