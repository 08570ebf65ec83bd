// backends/gemmini/sim/rv64_arith.h — the high halves of 64x64-bit
// products (MULH, MULHU, MULHSU), shared by the interpreter's reference
// path (rv64_core.cc) and its fast loop (rv64_fast.cc).
#pragma once

#include <cstdint>

namespace autocomp::gemmini {

inline uint64_t MulHigh(int64_t a, int64_t b) { return uint64_t((__int128)a * b >> 64); }
inline uint64_t MulHighU(uint64_t a, uint64_t b) { return uint64_t((unsigned __int128)a * b >> 64); }
inline uint64_t MulHighSU(int64_t a, uint64_t b) { return uint64_t((__int128)a * (unsigned __int128)b >> 64); }

}  // namespace autocomp::gemmini
