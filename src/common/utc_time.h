// src/common/utc_time.h — "2026-12-02T19:01:13Z": the time as the run file and progress events write it.
#pragma once

#include <chrono>
#include <string>

#include <fmt/chrono.h>

namespace autocomp {

inline std::string UtcTimestamp() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace autocomp
