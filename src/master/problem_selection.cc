// src/master/problem_selection.cc — config selections → problems.
#include "master/problem_selection.h"

#include <set>

namespace autocomp {

Result<std::vector<Problem>> ResolveProblems(const std::vector<ProblemSelection>& selections,
                                             const std::string& source, const Backend& backend) {
  std::vector<Problem> problems;
  std::set<ProblemId> seen;
  for (size_t i = 0; i < selections.size(); ++i) {
    const ProblemSelection& sel = selections[i];
    const std::string where = source + ": problems" +
                              (selections.size() > 1 ? "[" + std::to_string(i) + "]" : std::string());
    std::vector<int> ids = sel.ids;
    if (sel.all) {
      auto listed = backend.ListProblems();
      if (!listed.ok()) return listed.status().WithContext(where);
      for (const auto& info : *listed) {
        if (info.id.set == sel.set) ids.push_back(info.id.index);
      }
      if (ids.empty()) return NotFoundError(where + ": " + backend.name() + " has no problem set '" + sel.set + "'");
    }
    for (int index : ids) {
      ProblemId id{backend.name(), sel.set, index};
      if (!seen.insert(id).second) continue;
      auto problem = backend.LoadProblem(id);
      if (!problem.ok()) return problem.status().WithContext(where);
      problems.push_back(std::move(*problem));
    }
  }
  return problems;
}

}  // namespace autocomp
