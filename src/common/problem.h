// src/common/problem.h
//
// ProblemId names a problem on the wire and in the run file:
// {backend, set, index}, written "cpu/gemm/0". Problem is what a backend
// loads for an id: the baseline (starting) code, the solution function's
// signature, the unit of its score, and backend-specific details (shapes,
// tolerances) kept as JSON so that src/ never needs to understand them.
//
// Plain copyable values; no I/O happens here.
#pragma once

#include <compare>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace autocomp {

struct ProblemId {
  std::string backend;
  std::string set;
  int index = 0;

  // "cpu/gemm/0"
  std::string ToString() const;
  // Parses "cpu/gemm/0"; InvalidArgument names what is malformed.
  static Result<ProblemId> Parse(const std::string& text);

  auto operator<=>(const ProblemId&) const = default;
};

struct Problem {
  ProblemId id;
  std::string description;   // one line, e.g. "gemm fp32 M=512 N=512 K=512"
  std::string baseline_code;  // the starting point of the search
  std::string signature;      // the solution function, as a C declaration
  std::string language;       // "c" or "c++": how candidates are compiled
  std::string score_unit;     // "s", "instructions", "cycles"; lower is better
  nlohmann::json spec;        // backend-specific: shapes, tolerance, kind
  std::filesystem::path dir;  // folder holding the problem's files
};

// One line of `autocomp problems`.
struct ProblemInfo {
  ProblemId id;
  std::string description;
};

}  // namespace autocomp
