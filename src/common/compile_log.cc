// src/common/compile_log.cc — see compile_log.h.
#include "common/compile_log.h"

#include <regex>
#include <sstream>

namespace autocomp {

std::string OwnDiagnosticsOnly(const std::string& log, const std::set<std::string>& own) {
  static const std::regex location(R"(^([^:\s]+):(\d+)(:\d+)?: )");
  std::istringstream in(log);
  std::string line, out;
  bool foreign = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, location)) {
      const std::string file = m[1].str();
      foreign = !own.count(file) && file != "<command-line>";
      if (foreign) {
        out += m[0].str() + "[diagnostic in a file outside the candidate's sources, not shown]\n";
        continue;
      }
    } else if (line.rfind("In file included from", 0) == 0 || line.rfind("                 from", 0) == 0) {
      foreign = false;
    } else if (foreign) {
      continue;  // source excerpt or caret line of a foreign diagnostic
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace autocomp
