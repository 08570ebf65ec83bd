// src/common/object_rules.h
//
// The link-time check of the evaluation contract (docs/evaluation.md): what
// a candidate's compiled object may contain before it is linked with
// trusted code. A backend states its rules (ObjectRules); CheckObject says
// which one an object breaks, in words a user (or an LLM asked to fix the
// code) can act on. The rules close the ways candidate code could run
// outside the measured call or reach the harness:
//
//   - no constructor/destructor sections (.init_array, .fini_array, .ctors, ...);
//   - only known section kinds; none both writable and executable; no
//     request for an executable stack;
//   - no symbol whose name contains the reserved prefix (the harness's own
//     names, e.g. the function an instruction counter is told to count);
//   - calls only to functions on the backend's allowlist;
//   - no forbidden byte sequences in executable sections (e.g. Valgrind's
//     client-request preamble, which would let code steer the counter);
//   - the solution symbol itself is defined.
// Other global definitions are not errors here: the backend makes them
// local before linking, so they cannot replace library or harness symbols,
// and verifies that with OnlyGlobalDefinition().
//
// Thread-safety: pure functions over values.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "common/elf_object.h"

namespace autocomp {

struct ForbiddenBytes {
  std::vector<uint8_t> bytes;
  std::string why;  // "Valgrind's client-request preamble"
};

struct ObjectRules {
  std::string solution;                       // the symbol the harness calls, e.g. "gemm"
  std::vector<std::string> section_prefixes;  // allowed section names (prefix match)
  std::regex allowed_calls;                   // undefined symbols the object may reference
  std::string allowed_calls_text;             // the allowlist in words, for messages
  std::vector<ForbiddenBytes> forbidden_code;
  std::string reserved = "autocomp";          // no symbol name of the candidate may contain this
};

// The first rule `object` breaks, or nullopt when it follows them all.
std::optional<std::string> CheckObject(const ElfObject& object, const ObjectRules& rules);

// nullopt if `symbol` is the only defined global or weak symbol of `object`;
// otherwise the others, in words.
std::optional<std::string> OnlyGlobalDefinition(const ElfObject& object, const std::string& symbol);

}  // namespace autocomp
