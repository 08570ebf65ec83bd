// src/common/logging.h
//
// Log setup for every rank: spdlog to stderr, each line prefixed with the
// rank ("[r0]" is the master). On a terminal, a line first clears the
// master's live status line so the two never garble each other.
#pragma once

#include <string>

namespace autocomp {

// `level`: "debug", "info", "warn", "error". `tty_status_line`: a live status
// line is being drawn on the terminal by this process.
void SetUpLogging(int rank, const std::string& level, bool tty_status_line);

}  // namespace autocomp
