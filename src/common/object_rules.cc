// src/common/object_rules.cc — the link-time check of candidate objects.
#include "common/object_rules.h"

#include <elf.h>

#include <algorithm>

namespace autocomp {

namespace {

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool IsConstructorSection(const std::string& name) {
  for (const char* p : {".init_array", ".fini_array", ".preinit_array", ".ctors", ".dtors"}) {
    if (StartsWith(name, p)) return true;
  }
  return name == ".init" || name == ".fini";
}

// Bookkeeping sections every object has.
bool IsStructural(const ElfSection& s) {
  return s.type == SHT_NULL || s.type == SHT_SYMTAB || s.type == SHT_STRTAB || s.type == SHT_RELA ||
         s.type == SHT_REL || s.type == SHT_GROUP;
}

}  // namespace

std::optional<std::string> CheckObject(const ElfObject& object, const ObjectRules& rules) {
  for (const ElfSection& s : object.sections) {
    if (IsStructural(s)) continue;
    if (IsConstructorSection(s.name)) {
      return "has a constructor or destructor section (" + s.name +
             "): candidate code may run only inside the call the harness makes (no global objects with "
             "constructors, no __attribute__((constructor/destructor)))";
    }
    if ((s.flags & SHF_WRITE) && (s.flags & SHF_EXECINSTR)) {
      return "has a section that is both writable and executable (" + s.name + ")";
    }
    if (s.name == ".note.GNU-stack") {
      if (s.flags & SHF_EXECINSTR) return "asks for an executable stack";
      continue;
    }
    const bool known = std::any_of(rules.section_prefixes.begin(), rules.section_prefixes.end(),
                                   [&](const std::string& p) { return StartsWith(s.name, p); });
    if (!known) return "has a section '" + s.name + "' that candidate objects may not have";
    if (s.flags & SHF_EXECINSTR) {
      for (const ForbiddenBytes& f : rules.forbidden_code) {
        if (f.bytes.empty() || s.bytes.size() < f.bytes.size()) continue;
        if (std::search(s.bytes.begin(), s.bytes.end(), f.bytes.begin(), f.bytes.end()) != s.bytes.end()) {
          return "contains " + f.why + " in " + s.name;
        }
      }
    }
  }
  bool solution_defined = false;
  for (const ElfSymbol& sym : object.symbols) {
    if (sym.type == STT_SECTION || sym.type == STT_FILE) continue;
    if (!rules.reserved.empty() && sym.name.find(rules.reserved) != std::string::npos) {
      return "uses the reserved name '" + sym.name + "' (names containing '" + rules.reserved +
             "' belong to the harness)";
    }
    if (sym.type == STT_GNU_IFUNC) {
      // A resolver runs in the start-up code, before any call is measured.
      return "defines the indirect function '" + sym.name + "' (its resolver would run before the harness)";
    }
    if (sym.defined) {
      if (sym.name == rules.solution && sym.binding != STB_LOCAL) solution_defined = true;
      continue;
    }
    if (sym.name.empty() || sym.binding == STB_LOCAL) continue;
    if (!std::regex_match(sym.name, rules.allowed_calls)) {
      return "uses '" + sym.name + "', which candidates may not call (allowed: " + rules.allowed_calls_text + ")";
    }
  }
  if (!solution_defined) return "does not define the solution function '" + rules.solution + "'";
  return std::nullopt;
}

std::optional<std::string> OnlyGlobalDefinition(const ElfObject& object, const std::string& symbol) {
  std::string others;
  for (const ElfSymbol& sym : object.symbols) {
    if (!sym.defined || sym.binding == STB_LOCAL || sym.name == symbol) continue;
    others += (others.empty() ? "" : ", ") + sym.name;
  }
  if (others.empty()) return std::nullopt;
  return "defines global symbols other than '" + symbol + "': " + others;
}

}  // namespace autocomp
