// backends/gemmini/sim/rv64_compressed.h
//
// Expands a 16-bit RV64C instruction into the 32-bit instruction it stands
// for (RISC-V unprivileged spec, chapter "C" Standard Extension), so the
// interpreter has one execution path. Returns 0 for a reserved or illegal
// encoding. Pure function; thread-safe.
#pragma once

#include <cstdint>

namespace autocomp::gemmini {

uint32_t ExpandCompressed(uint16_t c);

}  // namespace autocomp::gemmini
