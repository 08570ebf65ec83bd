// src/common/candidate.cc — lineage keys, code normalization, code keys.
#include "common/candidate.h"

#include <sstream>

#include "common/hashing.h"

namespace autocomp {

std::string LineageKey(const ProblemId& problem, const std::string& parent_lineage_key,
                       int iteration, int plan_slot, int impl_slot) {
  if (parent_lineage_key.empty()) return problem.ToString() + "#root";
  return Sha256Hex(parent_lineage_key + "|" + std::to_string(iteration) + "|" +
                   std::to_string(plan_slot) + "|" + std::to_string(impl_slot))
      .substr(0, 24);
}

std::string NormalizeCode(const std::string& code) {
  std::istringstream in(code);
  std::string line, out;
  bool previous_blank = true;  // also drops leading blank lines
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    }
    bool blank = line.empty();
    if (blank && previous_blank) continue;
    out += line;
    out += '\n';
    previous_blank = blank;
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string CodeKey(const ProblemId& problem, const std::string& backend_version,
                    const std::string& code) {
  return Sha256Hex(problem.ToString() + "\n" + backend_version + "\n" + NormalizeCode(code));
}

}  // namespace autocomp
