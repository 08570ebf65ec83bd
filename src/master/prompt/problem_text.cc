// src/master/prompt/problem_text.cc — gathering a problem's prompt text.
#include "master/prompt/problem_text.h"

namespace autocomp {

namespace {

Result<std::string> OptionalString(const nlohmann::json& spec, const char* key) {
  if (!spec.is_object() || !spec.contains(key) || spec[key].is_null()) return std::string();
  if (!spec[key].is_string()) return InvalidArgumentError(std::string("spec key ") + key + " must be a string");
  return spec[key].get<std::string>();
}

}  // namespace

Result<ProblemText> ProblemTextFor(const Problem& problem, const PromptMaterial& material) {
  const std::string id = problem.id.ToString();
  ProblemText t;
  t.description = problem.description;
  t.solution = problem.solution;
  if (t.solution.language.empty()) t.solution.language = "c";
  t.score_unit = problem.score_unit;
  if (t.solution.name.empty()) {
    return InvalidArgumentError(id + ": the solution \"" + problem.solution.declaration + "\" names no " +
                                (t.solution.defines.empty() ? "function" : t.solution.defines));
  }
  Result<std::string> summary = OptionalString(problem.spec, "summary");
  if (!summary.ok()) return summary.status().WithContext(id);
  t.summary = *summary;
  Result<std::string> contract = OptionalString(problem.spec, "contract");
  if (!contract.ok()) return contract.status().WithContext(id);
  t.contract = *contract;
  Result<std::string> isa = SelectIsa(material, problem.spec);
  if (!isa.ok()) return isa.status().WithContext(id);
  t.isa = *isa;
  return t;
}

std::string FenceLanguage(const std::string& language) {
  if (language.empty()) return "c";
  if (language == "c++") return "cpp";
  return language;
}

}  // namespace autocomp
