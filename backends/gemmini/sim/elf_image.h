// backends/gemmini/sim/elf_image.h
//
// A statically linked RISC-V ELF64 executable as the simulator needs it:
// its loadable segments, entry point and symbol table (tohost/fromhost are
// found by name, as Spike's HTIF finds them).
//
// Failure: InvalidArgument names what is wrong with the file (not ELF,
// not 64-bit little-endian RISC-V, truncated segment); NotFound if the file
// cannot be read.
// Thread-safety: an ElfImage is an immutable value after Load().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace autocomp::gemmini {

struct ElfSegment {
  uint64_t paddr = 0;       // where it is loaded (physical address)
  std::vector<uint8_t> data;  // file bytes; memsz beyond them is zero
  uint64_t memsz = 0;
};

// A file-local data object (a `static` array of a C file) and the source
// file the symbol table names for it.
struct LocalObject {
  std::string file, name;
  uint64_t addr = 0, size = 0;
};

class ElfImage {
 public:
  static Result<ElfImage> Load(const std::string& path);
  static Result<ElfImage> Parse(const std::vector<uint8_t>& bytes, const std::string& name);

  uint64_t entry() const { return entry_; }
  const std::vector<ElfSegment>& segments() const { return segments_; }
  // Address of a symbol, or 0 if absent.
  uint64_t Symbol(const std::string& name) const;
  // The symbol containing `addr` (function names for error messages), or "".
  std::string SymbolAt(uint64_t addr) const;
  // Every sized local data object, in symbol-table order.
  const std::vector<LocalObject>& local_objects() const { return local_objects_; }

 private:
  uint64_t entry_ = 0;
  std::vector<ElfSegment> segments_;
  std::map<std::string, uint64_t> symbols_;
  std::map<uint64_t, std::pair<uint64_t, std::string>> functions_;  // start -> (size, name)
  std::vector<LocalObject> local_objects_;
};

}  // namespace autocomp::gemmini
