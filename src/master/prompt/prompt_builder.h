// src/master/prompt/prompt_builder.h
//
// PromptBuilder: pure text assembly of the three prompts the LLM proposer
// sends (docs/prompts.md shows each one, section by section):
//
//   plan         phase 1: target, [all worked examples], problem, the parent's
//                code with the drawn feedback, the menu entries that survived
//                dropout (numbered 1..n in the order given), the instruction
//                to choose exactly one and plan it for this code, the rules,
//                and which iteration of how many this is.
//   implement    phase 2: target, problem, the parent's code, the plan, the
//                examples that match the plan, the rules, and the instruction
//                to answer with the whole code in one fenced block.
//   reimplement  one more phase-2 call for a failed candidate: as implement,
//                plus the failed code, its status and its error output.
//
// The caller draws the randomness (DropoutMenu, DrawFeedback) and gathers the
// problem's text (ProblemTextFor); the builders do no I/O, draw nothing and
// cannot fail, so one input always gives the same prompt (golden tests in
// tests/prompt/golden/).
//
// Thread-safety: pure functions; the material is only read.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "master/prompt/feedback.h"
#include "master/prompt/problem_text.h"
#include "master/prompt/prompt_material.h"

namespace autocomp {

struct Prompt {
  std::string system;
  std::string user;
  // Plan prompts: offered_menu[k - 1] is the menu index (into
  // PromptMaterial::menu) of the entry shown as number k. Empty otherwise.
  std::vector<int> offered_menu;
  // Names of the worked examples the prompt contains, in prompt order.
  std::vector<std::string> example_names;
};

struct PlanPromptInput {
  ProblemText problem;
  std::string parent_code;
  std::vector<FeedbackItem> feedback;  // DrawFeedback(); shown in this order
  // Menu indices to offer, shown as 1..n in this order (DropoutMenu()).
  // Indices outside the menu are skipped; an empty list offers the whole menu.
  std::vector<int> offered_menu;
  int iteration = 1;   // 1-based
  int iterations = 1;  // how many the search runs
  bool include_examples = false;  // all worked examples, after the target section
};

struct ImplementPromptInput {
  ProblemText problem;
  std::string parent_code;
  std::string plan;      // ExtractPlan() of the phase-1 reply
  int max_examples = 2;  // at most this many matching examples (MatchExamples order); < 0: all
};

struct ReimplementPromptInput {
  ProblemText problem;
  std::string parent_code;     // the code the plan was made for
  std::string plan;
  std::string failed_code;     // the implementation that failed
  std::string failure_status;  // EvalStatusName(), e.g. "compile_error"
  std::string failure_message; // EvalResult::message, one line
  std::string error_output;    // compiler or run output (EvalResult::trace)
  // Longer error output keeps its first and last halves of this many
  // characters, with a line saying how much was left out.
  size_t max_error_chars = 6000;
  int max_examples = 2;
};

Prompt BuildPlanPrompt(const PromptMaterial& material, const PlanPromptInput& input);
Prompt BuildImplementPrompt(const PromptMaterial& material, const ImplementPromptInput& input);
Prompt BuildReimplementPrompt(const PromptMaterial& material, const ReimplementPromptInput& input);

// `code` in a fenced block tagged `language`, with a fence longer than any
// run of backticks inside the code.
std::string FenceCode(const std::string& code, const std::string& language);

// `text` cut to at most `max_chars` characters (plus a marker line): the
// first and the last half, with "[... N characters left out ...]" between.
std::string ElideMiddle(const std::string& text, size_t max_chars);

}  // namespace autocomp
