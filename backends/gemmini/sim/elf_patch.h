// backends/gemmini/sim/elf_patch.h — writes a 64-bit value into the
// initialised data of a symbol in a copy of an ELF64 executable: how the
// seed reaches a program run by an external simulator (real Spike,
// FireSim), where the host cannot write memory before the start.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "common/status.h"

namespace autocomp::gemmini {

// Copies `in` to `out` with the 8 bytes at `symbol` set to `value` (the
// symbol must lie in a loadable segment's file data, e.g. an initialised global).
Status PatchSymbol(const std::filesystem::path& in, const std::filesystem::path& out, const std::string& symbol,
                   uint64_t value);

}  // namespace autocomp::gemmini
