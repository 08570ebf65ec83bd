// src/common/problem.cc — ProblemId text form.
#include "common/problem.h"

#include <charconv>

namespace autocomp {

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
