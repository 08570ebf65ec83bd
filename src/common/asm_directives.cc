// src/common/asm_directives.cc — see asm_directives.h.
#include "common/asm_directives.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace autocomp {

std::optional<std::string> ForbiddenAsmDirective(const std::string& assembly) {
  static const std::set<std::string> kForbidden = {".incbin", ".include", ".macro", ".irp", ".irpc", ".rept",
                                                   ".altmacro", ".purgem", ".exitm", ".endm", ".endr", ".for",
                                                   ".mri", ".err", ".error"};
  std::istringstream in(assembly);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    // Statements are separated by newlines and ';'; a label may precede one.
    std::string statement;
    std::istringstream parts(line);
    while (std::getline(parts, statement, ';')) {
      size_t at = statement.find_first_not_of(" \t");
      while (at != std::string::npos) {
        size_t end = statement.find_first_of(" \t:", at);
        if (end != std::string::npos && statement[end] == ':') {  // a label: look past it
          at = statement.find_first_not_of(" \t", end + 1);
          continue;
        }
        std::string word = statement.substr(at, end == std::string::npos ? std::string::npos : end - at);
        std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
        if (kForbidden.count(word)) {
          return "uses the assembler directive '" + word + "' (line " + std::to_string(number) +
                 " of the generated assembly), which candidates may not use";
        }
        break;
      }
    }
  }
  return std::nullopt;
}

}  // namespace autocomp
