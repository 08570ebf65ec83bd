// src/common/asm_directives.cc — see asm_directives.h.
#include "common/asm_directives.h"

#include <cctype>
#include <set>

namespace autocomp {
namespace {

bool IdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '.'; }

}  // namespace

std::optional<std::string> ForbiddenAsmDirective(const std::string& assembly) {
  // Anywhere in the text, in any case, after any label, blank or control
  // character: whatever the assembler could take as the directive. A string
  // that merely mentions one is rejected too (the compiler never emits one).
  static const std::set<std::string> kForbidden = {"incbin", "include", "macro", "irp",   "irpc", "rept", "altmacro",
                                                   "purgem", "exitm",   "endm",  "endr", "mri"};
  int line = 1;
  for (size_t i = 0; i < assembly.size(); ++i) {
    if (assembly[i] == '\n') ++line;
    if (assembly[i] != '.' || (i > 0 && IdentChar(assembly[i - 1]))) continue;
    size_t end = i + 1;
    std::string word;
    while (end < assembly.size() && std::isalpha(static_cast<unsigned char>(assembly[end]))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(assembly[end])));
      ++end;
    }
    if (end < assembly.size() && IdentChar(assembly[end])) continue;
    if (kForbidden.count(word)) {
      return "uses the assembler directive '." + word + "' (line " + std::to_string(line) +
             " of the generated assembly), which candidates may not use";
    }
  }
  return std::nullopt;
}

}  // namespace autocomp
