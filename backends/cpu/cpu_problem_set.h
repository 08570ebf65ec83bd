// backends/cpu/cpu_problem_set.h
//
// Reads sols/cpu/<set>/problems.json: the kind of kernel, its signature and
// contract, the dimension names, and one entry of dimension values per
// problem index. Pure file parsing; errors name the file and the key.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/problem.h"
#include "common/status.h"

namespace autocomp::cpu {

// All set names under sols/cpu (folders holding a problems.json), sorted.
std::vector<std::string> ListSets(const std::filesystem::path& sols_dir);

// Every problem of one set.
Result<std::vector<Problem>> LoadSet(const std::filesystem::path& sols_dir, const std::string& set);

// The dims of a loaded problem in harness order ("512,512,512").
std::string DimsArgument(const Problem& problem);

// 2·M·N·K-style operation count for GFLOP/s metrics; 0 if unknown.
double FlopCount(const Problem& problem);

// Bytes one call must at least read and write (every input once, the
// output once), for the plausibility bound; 0 if unknown.
double MinimumBytes(const Problem& problem);

}  // namespace autocomp::cpu
