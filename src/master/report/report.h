// src/master/report/report.h
//
// What `autocomp report` shows, computed from a RunState: per problem the
// baseline score, best score, speedup, candidates by status, the chain of
// plans that led to the best candidate and its code, best score per
// iteration; and run totals. JSON for machines (DESIGN.md's contract for
// `report --json`), text for people. Pure functions of the state.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/run_state.h"

namespace autocomp {

nlohmann::json ReportJson(const RunState& state);

// `show_code`: include the best candidate's code of each problem.
std::string ReportText(const RunState& state, bool show_code);

}  // namespace autocomp
