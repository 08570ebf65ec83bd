// backends/gemmini/sim/rv64_decode.h
//
// Pre-decoding for the RV64 interpreter's fast loop (rv64_core.cc): one
// instruction, at one pc, turned into an operation number, its register
// fields and its immediate (with the pc folded in where the result only
// depends on it: AUIPC's value, branch and JAL targets). The core keeps
// these in a direct-mapped cache indexed by pc and checks each entry
// against the instruction bits in memory at every fetch, so code that is
// rewritten (by stores, the Gemmini DMA, HTIF or the loader, with or without
// fence.i) is decoded again and nothing can run stale.
//
// Only the frequent, fully valid encodings get an operation of their own;
// floating-point arithmetic (kOpFp) goes straight to the reference
// Rv64Core::ExecuteFp; anything else (system, atomics, fences, custom-3,
// reserved encodings) is kGeneric and runs through the reference path
// (Rv64Core::Execute32), which raises the traps. So the fast loop
// never has to decide legality, and its results are the reference path's by
// construction. Also kGeneric: a jump or branch to itself, which the
// fast loop must not run because of Spike's log-line rule (rv64_core.h).
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>

#include "sim/rv64_compressed.h"
#include "sim/rv64_fields.h"

namespace autocomp::gemmini {

enum Rv64Op : uint8_t {
  kOpGeneric, kOpIllegalC, kOpNop, kOpLi, kOpJal, kOpJ, kOpJalr, kOpJr,
  kOpBeq, kOpBne, kOpBlt, kOpBge, kOpBltu, kOpBgeu,
  kOpLb, kOpLh, kOpLw, kOpLd, kOpLbu, kOpLhu, kOpLwu,
  kOpSb, kOpSh, kOpSw, kOpSd,
  kOpAddi, kOpSlti, kOpSltiu, kOpXori, kOpOri, kOpAndi, kOpSlli, kOpSrli, kOpSrai,
  kOpAddiw, kOpSlliw, kOpSrliw, kOpSraiw,
  kOpAdd, kOpSub, kOpSll, kOpSlt, kOpSltu, kOpXor, kOpSrl, kOpSra, kOpOr, kOpAnd,
  kOpMul, kOpMulh, kOpMulhsu, kOpMulhu, kOpDiv, kOpDivu, kOpRem, kOpRemu,
  kOpAddw, kOpSubw, kOpSllw, kOpSrlw, kOpSraw, kOpMulw, kOpDivw, kOpDivuw, kOpRemw, kOpRemuw,
  kOpFlw, kOpFld, kOpFsw, kOpFsd,
  kOpFp,  // floating-point arithmetic, conversions and moves: Rv64Core::ExecuteFp
  kOpCount,
};

struct DecodedInsn {
  uint64_t pc = ~0ULL;  // the pc this entry decodes (~0: empty; real pcs are even)
  int64_t imm = 0;      // immediate; an absolute value or target where the pc is folded in
  uint32_t raw = 0;     // the 32 bits at pc when decoded (for a compressed instruction, the
                        // next halfword too): the entry holds while memory still has them
  uint32_t insn = 0;    // the 32-bit instruction (compressed ones expanded; 0 = illegal compressed)
  uint8_t op = kOpGeneric;
  uint8_t rd = 0, rs1 = 0, rs2 = 0;
  uint8_t len = 4;      // 2 or 4 bytes
  // The encoding as Spike logs it: 16 bits for a compressed instruction.
  uint32_t bits() const { return len == 2 ? raw & 0xffff : raw; }
};

namespace decode_detail {
using namespace rv64;  // NOLINT: the instruction-field helpers

// The operation of a 32-bit instruction at `pc`; fills imm. kOpGeneric when
// the reference path must run it.
inline uint8_t Classify(uint32_t i, uint64_t pc, int64_t* imm) {
  const uint32_t rd = (i >> 7) & 31, f3 = (i >> 12) & 7, f7 = i >> 25;
  switch (i & 0x7f) {
    case 0x37: *imm = ImmU(i); return rd ? kOpLi : kOpNop;                 // LUI
    case 0x17: *imm = int64_t(pc + uint64_t(ImmU(i))); return rd ? kOpLi : kOpNop;  // AUIPC
    case 0x6f:                                                              // JAL
      if (ImmJ(i) == 0) return kOpGeneric;
      *imm = int64_t(pc + uint64_t(ImmJ(i)));
      return rd ? kOpJal : kOpJ;
    case 0x67:                                                              // JALR
      if (f3 != 0) return kOpGeneric;
      *imm = ImmI(i);
      return rd ? kOpJalr : kOpJr;
    case 0x63: {                                                            // branches
      static constexpr uint8_t kOps[8] = {kOpBeq, kOpBne, kOpGeneric, kOpGeneric,
                                          kOpBlt, kOpBge, kOpBltu, kOpBgeu};
      if (ImmB(i) == 0) return kOpGeneric;
      *imm = int64_t(pc + uint64_t(ImmB(i)));
      return kOps[f3];
    }
    case 0x03: {                                                            // loads
      static constexpr uint8_t kOps[8] = {kOpLb, kOpLh, kOpLw, kOpLd, kOpLbu, kOpLhu, kOpLwu, kOpGeneric};
      if (rd == 0) return kOpGeneric;
      *imm = ImmI(i);
      return kOps[f3];
    }
    case 0x23: {                                                            // stores
      static constexpr uint8_t kOps[4] = {kOpSb, kOpSh, kOpSw, kOpSd};
      if (f3 > 3) return kOpGeneric;
      *imm = ImmS(i);
      return kOps[f3];
    }
    case 0x13: {                                                            // OP-IMM
      static constexpr uint8_t kOps[8] = {kOpAddi, kOpSlli, kOpSlti, kOpSltiu, kOpXori, kOpSrli, kOpOri, kOpAndi};
      uint8_t op = kOps[f3];
      if (f3 == 1 || f3 == 5) {
        *imm = (i >> 20) & 63;
        const uint32_t top = i >> 26;
        if (f3 == 1 && top != 0) return kOpGeneric;
        if (f3 == 5) {
          if (top == 0x10) op = kOpSrai;
          else if (top != 0) return kOpGeneric;
        }
      } else {
        *imm = ImmI(i);
      }
      return rd ? op : uint8_t(kOpNop);
    }
    case 0x1b: {                                                            // OP-IMM-32
      uint8_t op;
      if (f3 == 0) { *imm = ImmI(i); op = kOpAddiw; }
      else if (f3 == 1 && f7 == 0) { *imm = (i >> 20) & 31; op = kOpSlliw; }
      else if (f3 == 5 && f7 == 0) { *imm = (i >> 20) & 31; op = kOpSrliw; }
      else if (f3 == 5 && f7 == 0x20) { *imm = (i >> 20) & 31; op = kOpSraiw; }
      else return kOpGeneric;
      return rd ? op : uint8_t(kOpNop);
    }
    case 0x33: {                                                            // OP
      static constexpr uint8_t kBase[8] = {kOpAdd, kOpSll, kOpSlt, kOpSltu, kOpXor, kOpSrl, kOpOr, kOpAnd};
      static constexpr uint8_t kMul[8] = {kOpMul, kOpMulh, kOpMulhsu, kOpMulhu, kOpDiv, kOpDivu, kOpRem, kOpRemu};
      uint8_t op;
      if (f7 == 0) op = kBase[f3];
      else if (f7 == 1) op = kMul[f3];
      else if (f7 == 0x20 && f3 == 0) op = kOpSub;
      else if (f7 == 0x20 && f3 == 5) op = kOpSra;
      else return kOpGeneric;
      return rd ? op : uint8_t(kOpNop);
    }
    case 0x3b: {                                                            // OP-32
      uint8_t op;
      if (f7 == 0 && f3 == 0) op = kOpAddw;
      else if (f7 == 0 && f3 == 1) op = kOpSllw;
      else if (f7 == 0 && f3 == 5) op = kOpSrlw;
      else if (f7 == 0x20 && f3 == 0) op = kOpSubw;
      else if (f7 == 0x20 && f3 == 5) op = kOpSraw;
      else if (f7 == 1 && f3 == 0) op = kOpMulw;
      else if (f7 == 1 && f3 == 4) op = kOpDivw;
      else if (f7 == 1 && f3 == 5) op = kOpDivuw;
      else if (f7 == 1 && f3 == 6) op = kOpRemw;
      else if (f7 == 1 && f3 == 7) op = kOpRemuw;
      else return kOpGeneric;
      return rd ? op : uint8_t(kOpNop);
    }
    case 0x07:                                                              // FLW, FLD
      if (f3 != 2 && f3 != 3) return kOpGeneric;
      *imm = ImmI(i);
      return f3 == 2 ? kOpFlw : kOpFld;
    case 0x27:                                                              // FSW, FSD
      if (f3 != 2 && f3 != 3) return kOpGeneric;
      *imm = ImmS(i);
      return f3 == 2 ? kOpFsw : kOpFsd;
    case 0x43: case 0x47: case 0x4b: case 0x4f: case 0x53:                  // FMA family, OP-FP
      return kOpFp;
    default:
      return kOpGeneric;
  }
}
}  // namespace decode_detail

// Decodes the instruction whose first 32 bits in memory are `raw` (only
// the low 16 matter for a compressed one) at `pc`.
inline DecodedInsn Predecode(uint64_t pc, uint32_t raw) {
  DecodedInsn d;
  d.pc = pc;
  d.raw = raw;
  const bool compressed = (raw & 3) != 3;
  d.insn = compressed ? ExpandCompressed(uint16_t(raw)) : raw;
  d.len = compressed ? 2 : 4;
  d.rd = (d.insn >> 7) & 31;
  d.rs1 = (d.insn >> 15) & 31;
  d.rs2 = (d.insn >> 20) & 31;
  if (d.insn == 0) {
    d.op = kOpIllegalC;
  } else {
    int64_t imm = 0;
    d.op = decode_detail::Classify(d.insn, pc, &imm);
    d.imm = imm;
  }
  return d;
}

}  // namespace autocomp::gemmini
