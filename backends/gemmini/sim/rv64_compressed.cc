// backends/gemmini/sim/rv64_compressed.cc — RV64C to RV64G expansion.
#include "sim/rv64_compressed.h"

namespace autocomp::gemmini {
namespace {

inline uint32_t Bits(uint32_t v, int hi, int lo) { return (v >> lo) & ((1u << (hi - lo + 1)) - 1); }
inline uint32_t SextBits(uint32_t v, int width) { return uint32_t(int32_t(v << (32 - width)) >> (32 - width)); }

uint32_t TypeI(int32_t imm, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return (uint32_t(imm) & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
uint32_t TypeS(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t op) {
  uint32_t u = uint32_t(imm);
  return Bits(u, 11, 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | Bits(u, 4, 0) << 7 | op;
}
uint32_t TypeR(uint32_t f7, uint32_t rs2, uint32_t rs1, uint32_t f3, uint32_t rd, uint32_t op) {
  return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
uint32_t TypeB(int32_t imm, uint32_t rs2, uint32_t rs1, uint32_t f3) {
  uint32_t u = uint32_t(imm);
  return Bits(u, 12, 12) << 31 | Bits(u, 10, 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
         Bits(u, 4, 1) << 8 | Bits(u, 11, 11) << 7 | 0x63;
}
uint32_t TypeJ(int32_t imm, uint32_t rd) {
  uint32_t u = uint32_t(imm);
  return Bits(u, 20, 20) << 31 | Bits(u, 10, 1) << 21 | Bits(u, 11, 11) << 20 | Bits(u, 19, 12) << 12 |
         rd << 7 | 0x6f;
}

}  // namespace

uint32_t ExpandCompressed(uint16_t c) {
  const uint32_t op = c & 3, f3 = Bits(c, 15, 13);
  const uint32_t rd = Bits(c, 11, 7), rs2 = Bits(c, 6, 2);
  const uint32_t rdp = 8 + Bits(c, 4, 2), rs1p = 8 + Bits(c, 9, 7);
  const int32_t imm6 = int32_t(SextBits(Bits(c, 12, 12) << 5 | Bits(c, 6, 2), 6));
  if (c == 0) return 0;
  if (op == 0) {
    uint32_t uimm_d = Bits(c, 12, 10) << 3 | Bits(c, 6, 5) << 6;              // ld/sd/fld/fsd
    uint32_t uimm_w = Bits(c, 12, 10) << 3 | Bits(c, 6, 6) << 2 | Bits(c, 5, 5) << 6;  // lw/sw
    switch (f3) {
      case 0: {
        uint32_t nz = Bits(c, 12, 11) << 4 | Bits(c, 10, 7) << 6 | Bits(c, 6, 6) << 2 | Bits(c, 5, 5) << 3;
        if (nz == 0) return 0;
        return TypeI(int32_t(nz), 2, 0, rdp, 0x13);
      }
      case 1: return TypeI(int32_t(uimm_d), rs1p, 3, rdp, 0x07);
      case 2: return TypeI(int32_t(uimm_w), rs1p, 2, rdp, 0x03);
      case 3: return TypeI(int32_t(uimm_d), rs1p, 3, rdp, 0x03);
      case 5: return TypeS(int32_t(uimm_d), rdp, rs1p, 3, 0x27);
      case 6: return TypeS(int32_t(uimm_w), rdp, rs1p, 2, 0x23);
      case 7: return TypeS(int32_t(uimm_d), rdp, rs1p, 3, 0x23);
      default: return 0;
    }
  }
  if (op == 1) {
    switch (f3) {
      case 0: return TypeI(imm6, rd, 0, rd, 0x13);
      case 1: if (rd == 0) return 0; return TypeI(imm6, rd, 0, rd, 0x1b);
      case 2: return TypeI(imm6, 0, 0, rd, 0x13);
      case 3:
        if (rd == 2) {
          uint32_t raw = Bits(c, 12, 12) << 9 | Bits(c, 6, 6) << 4 | Bits(c, 5, 5) << 6 |
                         Bits(c, 4, 3) << 7 | Bits(c, 2, 2) << 5;
          int32_t imm = int32_t(SextBits(raw, 10));
          if (imm == 0) return 0;
          return TypeI(imm, 2, 0, 2, 0x13);
        } else {
          uint32_t raw = Bits(c, 12, 12) << 17 | Bits(c, 6, 2) << 12;
          if (raw == 0) return 0;
          return (SextBits(raw, 18) & 0xfffff000) | rd << 7 | 0x37;
        }
      case 4: {
        uint32_t f2 = Bits(c, 11, 10);
        uint32_t shamt = Bits(c, 12, 12) << 5 | Bits(c, 6, 2);
        if (f2 == 0) return TypeI(int32_t(shamt), rs1p, 5, rs1p, 0x13);
        if (f2 == 1) return TypeI(int32_t(shamt | 0x400), rs1p, 5, rs1p, 0x13);
        if (f2 == 2) return TypeI(imm6, rs1p, 7, rs1p, 0x13);
        uint32_t sub = Bits(c, 6, 5);
        uint32_t r2 = 8 + Bits(c, 4, 2);
        if (Bits(c, 12, 12) == 0) {
          static const uint32_t kF3[4] = {0, 4, 6, 7};
          return TypeR(sub == 0 ? 0x20 : 0, r2, rs1p, kF3[sub], rs1p, 0x33);
        }
        if (sub == 0) return TypeR(0x20, r2, rs1p, 0, rs1p, 0x3b);
        if (sub == 1) return TypeR(0, r2, rs1p, 0, rs1p, 0x3b);
        return 0;
      }
      case 5: {
        uint32_t raw = Bits(c, 12, 12) << 11 | Bits(c, 11, 11) << 4 | Bits(c, 10, 9) << 8 |
                       Bits(c, 8, 8) << 10 | Bits(c, 7, 7) << 6 | Bits(c, 6, 6) << 7 |
                       Bits(c, 5, 3) << 1 | Bits(c, 2, 2) << 5;
        return TypeJ(int32_t(SextBits(raw, 12)), 0);
      }
      case 6: case 7: {
        uint32_t raw = Bits(c, 12, 12) << 8 | Bits(c, 11, 10) << 3 | Bits(c, 6, 5) << 6 |
                       Bits(c, 4, 3) << 1 | Bits(c, 2, 2) << 5;
        return TypeB(int32_t(SextBits(raw, 9)), 0, rs1p, f3 == 6 ? 0 : 1);
      }
    }
    return 0;
  }
  if (op == 2) {
    uint32_t uimm_dsp = Bits(c, 12, 12) << 5 | Bits(c, 6, 5) << 3 | Bits(c, 4, 2) << 6;
    uint32_t uimm_wsp = Bits(c, 12, 12) << 5 | Bits(c, 6, 4) << 2 | Bits(c, 3, 2) << 6;
    uint32_t suimm_d = Bits(c, 12, 10) << 3 | Bits(c, 9, 7) << 6;
    uint32_t suimm_w = Bits(c, 12, 9) << 2 | Bits(c, 8, 7) << 6;
    switch (f3) {
      case 0: return TypeI(int32_t(Bits(c, 12, 12) << 5 | Bits(c, 6, 2)), rd, 1, rd, 0x13);
      case 1: return TypeI(int32_t(uimm_dsp), 2, 3, rd, 0x07);
      case 2: if (rd == 0) return 0; return TypeI(int32_t(uimm_wsp), 2, 2, rd, 0x03);
      case 3: if (rd == 0) return 0; return TypeI(int32_t(uimm_dsp), 2, 3, rd, 0x03);
      case 4:
        if (Bits(c, 12, 12) == 0) {
          if (rs2 == 0) { if (rd == 0) return 0; return TypeI(0, rd, 0, 0, 0x67); }
          return TypeR(0, rs2, 0, 0, rd, 0x33);
        }
        if (rs2 == 0) {
          if (rd == 0) return 0x00100073;  // EBREAK
          return TypeI(0, rd, 0, 1, 0x67);
        }
        return TypeR(0, rs2, rd, 0, rd, 0x33);
      case 5: return TypeS(int32_t(suimm_d), rs2, 2, 3, 0x27);
      case 6: return TypeS(int32_t(suimm_w), rs2, 2, 2, 0x23);
      case 7: return TypeS(int32_t(suimm_d), rs2, 2, 3, 0x23);
    }
  }
  return 0;
}

}  // namespace autocomp::gemmini
