// src/common/compile_log.h — compiler output made safe to show (contract
// item 6, docs/evaluation.md): every diagnostic located in a file other
// than the candidate's own sources is cut to its location, so an #include
// of a file outside them cannot copy that file's contents into traces or
// prompts.
#pragma once

#include <set>
#include <string>

namespace autocomp {

// `own`: the file names the compiler reports for the candidate's sources.
std::string OwnDiagnosticsOnly(const std::string& log, const std::set<std::string>& own);

}  // namespace autocomp
