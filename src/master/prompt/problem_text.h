// src/master/prompt/problem_text.h
//
// What the prompts say about one problem, gathered once per problem so that
// building a prompt cannot fail: the description, the solution's form (a C
// function, a Python class) and its contract, the score unit, and the ISA text the problem
// selects from its backend's prompt material (SelectIsa, spec key
// "prompt_isa").
//
// Thread-safety: plain values and a pure function.
#pragma once

#include <string>

#include "common/problem.h"
#include "common/status.h"
#include "master/prompt/prompt_material.h"

namespace autocomp {

struct ProblemText {
  std::string description;    // Problem::description, e.g. "gemm M=512 N=512 K=512"
  std::string summary;        // spec "summary"; may be empty
  SolutionForm solution;      // Problem::solution; language "c" when it was empty
  std::string contract;       // spec "contract": what the solution must do; may be empty
  std::string score_unit;     // Problem::score_unit
  std::string isa;            // the target section of every prompt
};

// InvalidArgument when the solution form names nothing or the spec's
// "prompt_isa"/"contract"/"summary" have the wrong type; NotFound when
// "prompt_isa" names a file the material does not have. Messages start with
// the problem id.
Result<ProblemText> ProblemTextFor(const Problem& problem, const PromptMaterial& material);

// The fence tag for a language: "cpp" for "c++", otherwise the language
// itself ("c" when empty).
std::string FenceLanguage(const std::string& language);

}  // namespace autocomp
