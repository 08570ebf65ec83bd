// backends/cuda/cuda_problems.h
//
// KernelBench-format problems: one Python file per problem, named
// "<number>_<Name>.py", defining class Model, get_inputs() and
// get_init_inputs(). Sets: "ops" (sols/cuda/ops, ours, with CI sizes in its
// problems.json) and "kb-level1" ... "kb-level4" (a user's KernelBench
// checkout, read as it is: <dir>/KernelBench/levelN or <dir>/levelN). The
// id is the number the file name starts with. The start point of a search is
// the file with Model renamed ModelNew.
//
// Listing reads the files as text (module-level sizes such as
// "batch_size = 16" for the description); nothing is imported here.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/problem.h"
#include "common/status.h"

namespace autocomp::cuda {

struct ProblemSetDir {
  std::string name;            // "ops", "kb-level1"
  std::filesystem::path dir;
  bool own = false;            // ours (sols/cuda/...), with a problems.json
};

// The sets available: ours always, kb-level1..4 where the checkout has them.
std::vector<ProblemSetDir> ProblemSets(const std::filesystem::path& home, const std::filesystem::path& kernelbench);

// NotFound naming the known sets when `name` is none of them.
Result<ProblemSetDir> FindSet(const std::vector<ProblemSetDir>& sets, const std::string& name);

// `ci`: our sets' small sizes (ignored for KernelBench's, which have one size).
Result<std::vector<Problem>> LoadSet(const ProblemSetDir& set, bool ci);

// "class Model" -> "class ModelNew" (the whole word Model, everywhere).
std::string RenameModel(const std::string& source);

// Module-level "name = <number expression>" lines, in order, e.g. {"M", "4096"}.
std::vector<std::pair<std::string, std::string>> ModuleSizes(const std::string& source);

}  // namespace autocomp::cuda
