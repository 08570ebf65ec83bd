// src/master/prompt/prompt_builder.cc — the wording and order of the prompts.
#include "master/prompt/prompt_builder.h"

#include <algorithm>

namespace autocomp {

namespace {

constexpr const char* kSystem =
    "You are an expert performance engineer. You take part in an automated search that makes one "
    "function run faster on the target described in each request. Every version of the code that the "
    "search produces is compiled, checked against a reference implementation and measured; only "
    "correct versions count.";

std::string TrimRight(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

void Section(std::string& out, const std::string& title, const std::string& body) {
  out += "## " + title + "\n\n" + TrimRight(body) + "\n\n";
}

std::string LanguageName(const std::string& language) {
  if (language == "c++") return "C++";
  if (language == "c" || language.empty()) return "C";
  if (language == "python") return "Python";
  return language;
}

bool IsPython(const SolutionForm& form) { return form.language == "python"; }

// "seconds" for "s"; other units as they are ("instructions", "cycles").
std::string UnitWords(const std::string& unit) {
  if (unit == "s") return "seconds";
  if (unit == "ms") return "milliseconds";
  if (unit == "us") return "microseconds";
  if (unit == "ns") return "nanoseconds";
  return unit;
}

std::string ProblemSection(const ProblemText& p) {
  std::string s = p.description + "\n";
  if (!p.summary.empty()) s += p.summary + "\n";
  const SolutionForm& form = p.solution;
  s += "\nSolution " + (form.defines.empty() ? std::string("function") : form.defines) + " (" +
       LanguageName(form.language) + "): `" + form.declaration + "`\n";
  if (!p.contract.empty()) s += "What it must do: " + p.contract + "\n";
  if (!p.score_unit.empty()) s += "The score is measured in " + UnitWords(p.score_unit) + "; lower is better.\n";
  return s;
}

std::string ExamplesBody(const std::vector<const PromptExample*>& examples, const std::string& intro) {
  std::string s = intro + "\n\n";
  for (const PromptExample* ex : examples) s += "### " + ex->title + "\n\n" + ex->body + "\n\n";
  return s;
}

std::string AnswerFormat(const ProblemText& p) {
  const SolutionForm& form = p.solution;
  const std::string fence = "```" + FenceLanguage(form.language);
  if (IsPython(form)) {
    return "Answer with the complete file: the " + (form.defines == "class" ? std::string("class `") : "function `") +
           form.name + "` as declared above, and every import, inline extension source, helper and constant it "
           "needs, all in one " + fence +
           " fenced block. Do not abbreviate or leave parts out; the block is run exactly as written.";
  }
  return "Answer with the complete code: the function `" + form.name +
         "` with exactly the signature given, and every #include, helper function and constant it needs, "
         "all in one " + fence +
         " fenced block. Do not abbreviate or leave parts out; the block is compiled exactly as written.";
}

std::vector<const PromptExample*> Matching(const PromptMaterial& material, const std::string& plan, int max) {
  std::vector<const PromptExample*> examples = MatchExamples(material, plan);
  if (max >= 0 && examples.size() > static_cast<size_t>(max)) examples.resize(static_cast<size_t>(max));
  return examples;
}

void Finish(Prompt& prompt, const std::vector<const PromptExample*>& examples) {
  prompt.system = kSystem;
  prompt.user = TrimRight(prompt.user) + "\n";
  for (const PromptExample* ex : examples) prompt.example_names.push_back(ex->name);
}

}  // namespace

std::string FenceCode(const std::string& code, const std::string& language) {
  size_t longest = 0, run = 0;
  for (char c : code) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<size_t>(3, longest + 1), '`');
  return fence + language + "\n" + TrimRight(code) + "\n" + fence + "\n";
}

std::string ElideMiddle(const std::string& text, size_t max_chars) {
  if (text.size() <= max_chars) return text;
  const size_t head = max_chars / 2, tail = max_chars - head;
  return text.substr(0, head) + "\n[... " + std::to_string(text.size() - head - tail) +
         " characters left out ...]\n" + text.substr(text.size() - tail);
}

Prompt BuildPlanPrompt(const PromptMaterial& material, const PlanPromptInput& input) {
  Prompt prompt;
  const ProblemText& p = input.problem;
  std::string& u = prompt.user;
  Section(u, "The target", p.isa);

  std::vector<const PromptExample*> examples;
  if (input.include_examples) {
    for (const PromptExample& ex : material.examples) examples.push_back(&ex);
  }
  if (!examples.empty()) {
    Section(u, "Worked examples",
            ExamplesBody(examples, "These examples show how optimizations like those on the menu below were "
                                   "applied to other code."));
  }

  Section(u, "The problem", ProblemSection(p));

  std::string code = FenceCode(input.parent_code, FenceLanguage(p.solution.language));
  if (!input.feedback.empty()) {
    code += "\nMeasurements of this code:\n";
    for (const FeedbackItem& item : input.feedback) code += item.text;
  }
  Section(u, "The current code", code);

  std::vector<int> offered;
  if (input.offered_menu.empty()) {
    for (size_t i = 0; i < material.menu.size(); ++i) offered.push_back(static_cast<int>(i));
  } else {
    for (int i : input.offered_menu) {
      if (i >= 0 && static_cast<size_t>(i) < material.menu.size()) offered.push_back(i);
    }
  }
  std::string menu;
  for (size_t k = 0; k < offered.size(); ++k) {
    menu += std::to_string(k + 1) + ". " + material.menu[static_cast<size_t>(offered[k])] + "\n";
  }
  Section(u, "Optimization menu", menu);
  prompt.offered_menu = offered;

  Section(u, "Your task",
          "Pick exactly one optimization from the menu above: the one you expect to lower the score the most "
          "for this code. Begin your answer with its number and name, for example \"Optimization 3: ...\". "
          "Then write a plan that applies it to the current code: say precisely what changes (which loops, "
          "arrays, sizes and data movements), what the new structure looks like, and why the score should "
          "drop. The plan must fit this code and these sizes, not the optimization in general. Do not write "
          "the full code; a separate step will implement your plan.");
  Section(u, "Rules", "Code written from your plan must obey these rules:\n\n" + material.rules);

  std::string progress = "This is iteration " + std::to_string(input.iteration) + " of " +
                         std::to_string(input.iterations) + " of the search. ";
  progress += input.iteration < input.iterations
                  ? "Later iterations can build on the code that comes out of your plan."
                  : "It is the last one.";
  Section(u, "Progress", progress);
  Finish(prompt, examples);
  return prompt;
}

namespace {

// The sections an implementation request and a re-implementation request
// share, around what is particular to each (`middle`, then the task).
Prompt ImplementationPrompt(const PromptMaterial& material, const ProblemText& p, const std::string& parent_code,
                            const std::string& plan, int max_examples, const std::string& middle_title,
                            const std::string& middle, const std::string& task) {
  Prompt prompt;
  std::string& u = prompt.user;
  Section(u, "The target", p.isa);
  Section(u, "The problem", ProblemSection(p));
  Section(u, "The current code", FenceCode(parent_code, FenceLanguage(p.solution.language)));
  Section(u, "The plan", plan.empty() ? "(no plan text)" : plan);
  if (!middle_title.empty()) Section(u, middle_title, middle);
  const std::vector<const PromptExample*> examples = Matching(material, plan, max_examples);
  if (!examples.empty()) {
    Section(u, "Worked examples",
            ExamplesBody(examples, "These examples show optimizations like the one the plan asks for."));
  }
  Section(u, "Rules", material.rules);
  Section(u, "Your task", task + AnswerFormat(p));
  Finish(prompt, examples);
  return prompt;
}

}  // namespace

Prompt BuildImplementPrompt(const PromptMaterial& material, const ImplementPromptInput& input) {
  return ImplementationPrompt(
      material, input.problem, input.parent_code, input.plan, input.max_examples, "", "",
      "Rewrite the current code so that it carries out the plan above. The new code must compute the same "
      "results as the current code, within the tolerance the check allows. ");
}

Prompt BuildReimplementPrompt(const PromptMaterial& material, const ReimplementPromptInput& input) {
  const ProblemText& p = input.problem;
  std::string failed = "This implementation of the plan did not pass evaluation. Status: " +
                       (input.failure_status.empty() ? std::string("failed") : input.failure_status);
  if (!input.failure_message.empty()) failed += " (" + input.failure_message + ")";
  failed += ".\n\n" + FenceCode(input.failed_code, FenceLanguage(p.solution.language));
  const std::string output = TrimRight(input.error_output);
  failed += output.empty() ? "\nThe evaluation left no output.\n"
                           : "\nOutput of the build or run:\n\n" +
                                 FenceCode(ElideMiddle(output, input.max_error_chars), "text");
  return ImplementationPrompt(
      material, p, input.parent_code, input.plan, input.max_examples, "A failed implementation", failed,
      "Write a corrected implementation of the plan: find the cause of the failure in the output above, "
      "fix it, and keep the optimization the plan describes. If the plan cannot be carried out correctly "
      "as written, implement the closest correct variant of it. ");
}

}  // namespace autocomp
