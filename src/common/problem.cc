// src/common/problem.cc — ProblemId text form; the form of a C solution.
#include "common/problem.h"

#include <cctype>
#include <charconv>

namespace autocomp {

SolutionForm CFunctionForm(const std::string& declaration, const std::string& language) {
  SolutionForm form;
  form.language = language;
  form.defines = "function";
  form.declaration = declaration;
  form.file_name = language == "c++" ? "solution.cc" : "solution.c";
  const size_t paren = declaration.find('(');
  if (paren == std::string::npos) return form;
  size_t end = paren;
  while (end > 0 && std::isspace(static_cast<unsigned char>(declaration[end - 1]))) --end;
  size_t begin = end;
  while (begin > 0 && (std::isalnum(static_cast<unsigned char>(declaration[begin - 1])) || declaration[begin - 1] == '_')) {
    --begin;
  }
  if (begin < end && !std::isdigit(static_cast<unsigned char>(declaration[begin]))) {
    form.name = declaration.substr(begin, end - begin);
  }
  return form;
}

std::string ProblemId::ToString() const {
  return backend + "/" + set + "/" + std::to_string(index);
}

Result<ProblemId> ProblemId::Parse(const std::string& text) {
  auto first = text.find('/');
  auto last = text.rfind('/');
  if (first == std::string::npos || first == last) {
    return InvalidArgumentError("problem id '" + text + "' is not of the form backend/set/index");
  }
  ProblemId id;
  id.backend = text.substr(0, first);
  id.set = text.substr(first + 1, last - first - 1);
  std::string index = text.substr(last + 1);
  auto [ptr, ec] = std::from_chars(index.data(), index.data() + index.size(), id.index);
  if (ec != std::errc() || ptr != index.data() + index.size() || id.index < 0 ||
      id.backend.empty() || id.set.empty()) {
    return InvalidArgumentError("problem id '" + text + "' is not of the form backend/set/index");
  }
  return id;
}

}  // namespace autocomp
