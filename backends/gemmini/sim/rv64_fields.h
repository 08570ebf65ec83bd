// backends/gemmini/sim/rv64_fields.h — fields and immediates of a 32-bit
// RV64 instruction, shared by the reference interpreter (rv64_core.cc) and
// the pre-decoder (rv64_decode.h). Written from the RISC-V unprivileged
// specification.
#pragma once

#include <cstdint>

namespace autocomp::gemmini::rv64 {

inline int64_t Sext(uint64_t v, int bits) { return int64_t(v << (64 - bits)) >> (64 - bits); }
inline uint32_t Rd(uint32_t i) { return (i >> 7) & 31; }
inline uint32_t Rs1(uint32_t i) { return (i >> 15) & 31; }
inline uint32_t Rs2(uint32_t i) { return (i >> 20) & 31; }
inline uint32_t Funct3(uint32_t i) { return (i >> 12) & 7; }
inline uint32_t Funct7(uint32_t i) { return i >> 25; }
inline int64_t ImmI(uint32_t i) { return int64_t(int32_t(i)) >> 20; }
inline int64_t ImmS(uint32_t i) { return (int64_t(int32_t(i)) >> 25 << 5) | ((i >> 7) & 31); }
inline int64_t ImmB(uint32_t i) {
  return (int64_t(int32_t(i)) >> 31 << 12) | ((i >> 7) & 1) << 11 | ((i >> 25) & 63) << 5 | ((i >> 8) & 15) << 1;
}
inline int64_t ImmU(uint32_t i) { return int64_t(int32_t(i & 0xfffff000)); }
inline int64_t ImmJ(uint32_t i) {
  return (int64_t(int32_t(i)) >> 31 << 20) | (i & 0xff000) | ((i >> 20) & 1) << 11 | ((i >> 21) & 1023) << 1;
}

}  // namespace autocomp::gemmini::rv64
