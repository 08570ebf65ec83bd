// src/common/problem.h
//
// ProblemId names a problem on the wire and in the run file:
// {backend, set, index}, written "cpu/gemm/0". Problem is what a backend
// loads for an id: the baseline (starting) code, the solution's form (a C
// function, a Python class: what prompts ask for and what code extraction
// looks for), the unit of its score, and backend-specific details (shapes,
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

// What a candidate is, as the backend defines it. Prompts show `declaration`
// and ask for one fenced block of `language`; code extraction takes the last
// block that defines `name` (a C function, or a top-level Python class or
// function).
struct SolutionForm {
  std::string language = "c";        // "c", "c++" or "python"
  std::string defines = "function";  // "function" or "class"
  std::string name;                  // "gemm", "ModelNew"
  std::string declaration;           // "void gemm(int M, ...)", "class ModelNew(torch.nn.Module)"
  std::string file_name;             // what the candidate's file is called: "solution.c", "model_new.py"
};

// The form of a C (or C++) solution function given by its declaration; the
// name is the identifier before the first '(' (empty if there is none).
SolutionForm CFunctionForm(const std::string& declaration, const std::string& language = "c");

struct Problem {
  ProblemId id;
  std::string description;   // one line, e.g. "gemm fp32 M=512 N=512 K=512"
  std::string baseline_code;  // the starting point of the search
  SolutionForm solution;      // what a candidate defines and how it is written
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
