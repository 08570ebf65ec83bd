// src/common/candidate.h
//
// Candidate: one piece of code proposed for a problem, with where it came
// from. Immutable once created. Candidate ids are per problem; 0 is the
// baseline. The lineage key (problem, parent, iteration, plan slot, impl
// slot) identifies a candidate independently of the order in which
// proposals return, so a resumed or replayed search finds its earlier
// candidates again.
//
// CodeKey: the hash of (problem, backend version, normalized code); the key
// under which evaluation results are cached and duplicates detected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/problem.h"

namespace autocomp {

struct Candidate {
  uint64_t id = 0;
  std::optional<uint64_t> parent;  // absent for the baseline
  ProblemId problem;
  int iteration = 0;               // 0 = baseline
  int plan_slot = -1;              // which plan of the parent, -1 for the baseline
  int impl_slot = -1;              // which implementation of that plan
  std::string plan;                // the phase-1 text that led here
  std::string code;
  std::string origin;              // "baseline", "offline", "openai/o3-mini", ...
  double plan_seconds = 0;         // latency of the request that wrote the plan
  double code_seconds = 0;         // latency of the request that wrote the code
  std::string lineage_key;         // see LineageKey()
};

// Stable identity of a candidate's position in the search tree.
std::string LineageKey(const ProblemId& problem, const std::string& parent_lineage_key,
                       int iteration, int plan_slot, int impl_slot);

// Code with comments kept but trailing whitespace and blank-line runs
// removed, so that cosmetic differences do not defeat deduplication.
std::string NormalizeCode(const std::string& code);

// Hex SHA-256 of problem, backend version and normalized code.
std::string CodeKey(const ProblemId& problem, const std::string& backend_version,
                    const std::string& code);

}  // namespace autocomp
