// src/common/elf_object.h
//
// Reads an ELF64 little-endian relocatable object (a candidate's compiled
// .o, for any target: x86-64, RISC-V) far enough to judge it: its sections
// (name, type, flags, bytes) and its symbols (name, binding, type, defined
// in which section). Used by the evaluation rules (object_rules.h) before a
// candidate object is linked with trusted code.
//
// The file is untrusted input: every offset and size is bounds-checked, and
// anything malformed is an InvalidArgument naming what is wrong. Nothing is
// executed or mapped. Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/status.h"

namespace autocomp {

struct ElfSection {
  std::string name;
  uint32_t type = 0;     // SHT_*
  uint64_t flags = 0;    // SHF_*
  uint64_t size = 0;
  std::vector<uint8_t> bytes;  // contents (empty for NOBITS)
};

struct ElfSymbol {
  std::string name;
  int binding = 0;        // STB_LOCAL 0, STB_GLOBAL 1, STB_WEAK 2
  int type = 0;           // STT_NOTYPE 0, OBJECT 1, FUNC 2, SECTION 3, FILE 4
  bool defined = false;   // st_shndx != SHN_UNDEF
  std::string section;    // where it is defined ("" when undefined or absolute)
};

struct ElfObject {
  uint16_t machine = 0;   // EM_X86_64 62, EM_RISCV 243
  std::vector<ElfSection> sections;
  std::vector<ElfSymbol> symbols;
};

// Parses an object already in memory.
Result<ElfObject> ParseElfObject(const std::vector<uint8_t>& bytes);
// Reads and parses `path` (NotFound if unreadable).
Result<ElfObject> ReadElfObject(const std::filesystem::path& path);

}  // namespace autocomp
