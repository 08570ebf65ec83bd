// backends/gemmini/sim/rv64_fast.cc — the interpreter's fast loop
// (Rv64Core::RunFast, see rv64_core.h): pre-decoded instructions run as
// threaded code; with the cycle model on (kTimed) the same loop reports
// fetches, data accesses, branches, load-use pairs and multiply/divide
// latency to it. The counting rules are rv64_core.cc's.
#include <cstring>

#include "sim/rv64_arith.h"
#include "sim/rv64_core.h"

namespace autocomp::gemmini {

// The fast loop: threaded code (GCC/Clang computed goto), one indirect jump
// per handler so that the host's branch predictor sees each guest
// operation's successor separately. Locals hold pc and instret; every exit
// writes them back. A handler ends in AUTOCOMP_RV64_NEXT (the next
// instruction), `goto trapped` (trap_ is set; the instruction did not
// retire) or `goto leave`. The DRAM fast paths take aligned accesses wholly
// inside DRAM; anything else goes through LoadMem/StoreMem, which fault,
// reach the CLINT and the ROM as before.
namespace {
template <typename T>
inline bool FastLoad(const uint8_t* dram, uint64_t span, uint64_t addr, T* v) {
  const uint64_t off = addr - Memory::kDramBase;
  if ((addr & (sizeof(T) - 1)) != 0 || off >= span) return false;
  std::memcpy(v, dram + off, sizeof(T));
  return true;
}
inline int64_t W(uint64_t v) { return int64_t(int32_t(uint32_t(v))); }  // sign-extend a 32-bit result
}  // namespace

// Whether an op reads rs2 (the others hold immediate bits there): for the
// cycle model's load-use check.
constexpr bool ReadsRs2(Rv64Op op) {
  return (op >= kOpBeq && op <= kOpBgeu) || (op >= kOpSb && op <= kOpSd) || (op >= kOpAdd && op <= kOpRemuw) ||
         op == kOpFsw || op == kOpFsd;
}

// With the cycle model (kTimed): the fetched instruction's line, and a
// stall when it uses the result of the load just before it.
#define AUTOCOMP_RV64_TIMED_FETCH                                                                   \
  if constexpr (kTimed) {                                                                           \
    timing->Fetch(pc, ret);                                                                         \
    if (load_rd != 0 && (d->rs1 == load_rd || (ReadsRs2(Rv64Op(d->op)) && d->rs2 == load_rd))) {    \
      timing->LoadUse();                                                                            \
    }                                                                                               \
    load_rd = 0;                                                                                    \
  }

// Fetch: a hit is an entry for this pc whose 32 bits still match memory (a
// hit means pc was fetchable when decoded; the address map is fixed).
#define AUTOCOMP_RV64_NEXT                                                   \
  {                                                                          \
    if (__builtin_expect(ret >= end, 0)) goto leave;                         \
    DecodedInsn* e = &cache[(pc >> 1) & (kICacheEntries - 1)];               \
    if (__builtin_expect(e->pc != pc, 0)) goto miss;                         \
    uint32_t raw;                                                            \
    std::memcpy(&raw, dram + (pc - Memory::kDramBase), 4);                   \
    if (__builtin_expect(raw != e->raw, 0)) goto miss;                       \
    d = e;                                                                   \
    AUTOCOMP_RV64_TIMED_FETCH                                                \
    a = x[d->rs1];                                                           \
    b = x[d->rs2];                                                           \
    goto* kHandlers[d->op];                                                  \
  }
#define AUTOCOMP_RV64_RETIRE(value)                          \
  x[d->rd] = uint64_t(value);                                \
  if constexpr (kTimed) {                                    \
    if (op_extra[d->op]) timing->Extra(op_extra[d->op]);     \
  }                                                          \
  pc += d->len;                                              \
  ++ret;                                                     \
  AUTOCOMP_RV64_NEXT
#define AUTOCOMP_RV64_BRANCH(taken)                          \
  {                                                          \
    const bool t = (taken);                                  \
    if constexpr (kTimed) timing->Branch(pc, t);             \
    pc = t ? uint64_t(d->imm) : pc + d->len;                 \
    ++ret;                                                   \
    AUTOCOMP_RV64_NEXT                                       \
  }
#define AUTOCOMP_RV64_LOAD(T)                            \
  {                                                      \
    const uint64_t addr = a + uint64_t(d->imm);          \
    T v;                                                 \
    if (!FastLoad(dram, data_span, addr, &v)) {          \
      uint64_t w;                                        \
      if (!LoadMem(addr, sizeof(T), &w)) goto trapped;   \
      v = T(w);                                          \
    }                                                    \
    if constexpr (kTimed) {                              \
      timing->Data(addr, false, ret);                    \
      load_rd = d->rd;                                   \
    }                                                    \
    AUTOCOMP_RV64_RETIRE(v)                              \
  }
#define AUTOCOMP_RV64_STORE(T, value)                                                          \
  {                                                                                            \
    const uint64_t addr = a + uint64_t(d->imm), off = addr - Memory::kDramBase;                \
    const T v = T(value);                                                                      \
    if constexpr (kTimed) timing->Data(addr, true, ret);                                       \
    if ((addr & (sizeof(T) - 1)) == 0 && off < data_span) {                                    \
      std::memcpy(dram + off, &v, sizeof(T));                                                  \
      if (reservation_valid_ && ((addr ^ reservation_) & ~7ULL) == 0) reservation_valid_ = false; \
    } else if (!StoreMem(addr, sizeof(T), uint64_t(value))) {                                  \
      goto trapped;                                                                            \
    }                                                                                          \
    pc += d->len;                                                                              \
    ++ret;                                                                                     \
    AUTOCOMP_RV64_NEXT                                                                         \
  }

// GCC would merge the identical dispatch tails of the handlers into one
// indirect jump (cross-jumping), which undoes the threaded code.
template <bool kTimed>
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-crossjumping")))
#endif
bool Rv64Core::RunFast(uint64_t end) {
  // In Rv64Op order.
  static const void* const kHandlers[] = {
      &&op_generic, &&op_illegal_c, &&op_nop, &&op_li, &&op_jal, &&op_j, &&op_jalr, &&op_jr,
      &&op_beq, &&op_bne, &&op_blt, &&op_bge, &&op_bltu, &&op_bgeu,
      &&op_lb, &&op_lh, &&op_lw, &&op_ld, &&op_lbu, &&op_lhu, &&op_lwu,
      &&op_sb, &&op_sh, &&op_sw, &&op_sd,
      &&op_addi, &&op_slti, &&op_sltiu, &&op_xori, &&op_ori, &&op_andi, &&op_slli, &&op_srli, &&op_srai,
      &&op_addiw, &&op_slliw, &&op_srliw, &&op_sraiw,
      &&op_add, &&op_sub, &&op_sll, &&op_slt, &&op_sltu, &&op_xor, &&op_srl, &&op_sra, &&op_or, &&op_and,
      &&op_mul, &&op_mulh, &&op_mulhsu, &&op_mulhu, &&op_div, &&op_divu, &&op_rem, &&op_remu,
      &&op_addw, &&op_subw, &&op_sllw, &&op_srlw, &&op_sraw, &&op_mulw, &&op_divw, &&op_divuw, &&op_remw, &&op_remuw,
      &&op_flw, &&op_fld, &&op_fsw, &&op_fsd,
      &&op_fp,
  };
  static_assert(sizeof(kHandlers) / sizeof(kHandlers[0]) == kOpCount, "one handler per Rv64Op");

  uint64_t pc = pc_, ret = instret_;
  const uint64_t start = ret;
  const uint64_t watch = on_watch_ ? watch_pc_ : ~0ULL;
  uint8_t* const dram = mem_->dram();
  const uint64_t fetch_span = fetch_span_, data_span = data_span_;
  DecodedInsn* const cache = icache_.get();
  uint64_t* const x = x_;
  const DecodedInsn* d = nullptr;  // the last instruction attempted here
  uint64_t a = 0, b = 0;           // x[rs1], x[rs2] of d
  CoreTiming* const timing = core_timing_;
  const uint32_t* const op_extra = op_extra_cycles_;
  uint8_t load_rd = 0;             // rd of the load just retired (kTimed), else 0
  (void)timing; (void)op_extra; (void)load_rd;
  AUTOCOMP_RV64_NEXT

miss: {
  const uint64_t off = pc - Memory::kDramBase;
  // ExecuteOne fetches (or faults) outside DRAM; the watched pc is never cached.
  if (off >= fetch_span || (pc & 1) || pc == watch) goto leave;
  uint32_t raw;
  std::memcpy(&raw, dram + off, 4);
  DecodedInsn* e = &cache[(pc >> 1) & (kICacheEntries - 1)];
  *e = Predecode(pc, raw);
  d = e;
  AUTOCOMP_RV64_TIMED_FETCH
  a = x[d->rs1];
  b = x[d->rs2];
  goto* kHandlers[d->op];
}

op_generic: {
  pc_ = pc;
  instret_ = ret;
  if (!Execute32(d->insn, d->len)) goto trapped;
  ret = instret_;
  const uint64_t next = pc_;
  const bool stop = next == pc || halted_;
  pc = next;
  if (stop) goto leave;
  AUTOCOMP_RV64_NEXT
}
op_illegal_c:
  Raise(kIllegal, d->bits());
  goto trapped;
op_fp:  // ExecuteFp uses neither pc_ nor instret_
  if (!ExecuteFp(d->insn)) goto trapped;
  pc += d->len;
  ++ret;
  AUTOCOMP_RV64_NEXT
op_nop:
  pc += d->len;
  ++ret;
  AUTOCOMP_RV64_NEXT
op_li: AUTOCOMP_RV64_RETIRE(d->imm)
op_jal:
  x[d->rd] = pc + d->len;
  pc = uint64_t(d->imm);
  ++ret;
  AUTOCOMP_RV64_NEXT
op_j:
  pc = uint64_t(d->imm);
  ++ret;
  AUTOCOMP_RV64_NEXT
op_jalr:
op_jr: {
  const uint64_t target = (a + uint64_t(d->imm)) & ~1ULL;
  if (d->op == kOpJalr) x[d->rd] = pc + d->len;
  ++ret;
  const bool self = target == pc;
  pc = target;
  if (self) goto leave;
  AUTOCOMP_RV64_NEXT
}
op_beq: AUTOCOMP_RV64_BRANCH(a == b)
op_bne: AUTOCOMP_RV64_BRANCH(a != b)
op_blt: AUTOCOMP_RV64_BRANCH(int64_t(a) < int64_t(b))
op_bge: AUTOCOMP_RV64_BRANCH(int64_t(a) >= int64_t(b))
op_bltu: AUTOCOMP_RV64_BRANCH(a < b)
op_bgeu: AUTOCOMP_RV64_BRANCH(a >= b)
op_lb: AUTOCOMP_RV64_LOAD(int8_t)
op_lh: AUTOCOMP_RV64_LOAD(int16_t)
op_lw: AUTOCOMP_RV64_LOAD(int32_t)
op_ld: AUTOCOMP_RV64_LOAD(uint64_t)
op_lbu: AUTOCOMP_RV64_LOAD(uint8_t)
op_lhu: AUTOCOMP_RV64_LOAD(uint16_t)
op_lwu: AUTOCOMP_RV64_LOAD(uint32_t)
op_sb: AUTOCOMP_RV64_STORE(uint8_t, b)
op_sh: AUTOCOMP_RV64_STORE(uint16_t, b)
op_sw: AUTOCOMP_RV64_STORE(uint32_t, b)
op_sd: AUTOCOMP_RV64_STORE(uint64_t, b)
op_addi: AUTOCOMP_RV64_RETIRE(a + uint64_t(d->imm))
op_slti: AUTOCOMP_RV64_RETIRE(int64_t(a) < d->imm)
op_sltiu: AUTOCOMP_RV64_RETIRE(a < uint64_t(d->imm))
op_xori: AUTOCOMP_RV64_RETIRE(a ^ uint64_t(d->imm))
op_ori: AUTOCOMP_RV64_RETIRE(a | uint64_t(d->imm))
op_andi: AUTOCOMP_RV64_RETIRE(a & uint64_t(d->imm))
op_slli: AUTOCOMP_RV64_RETIRE(a << d->imm)
op_srli: AUTOCOMP_RV64_RETIRE(a >> d->imm)
op_srai: AUTOCOMP_RV64_RETIRE(int64_t(a) >> d->imm)
op_addiw: AUTOCOMP_RV64_RETIRE(W(a + uint64_t(d->imm)))
op_slliw: AUTOCOMP_RV64_RETIRE(W(uint32_t(a) << d->imm))
op_srliw: AUTOCOMP_RV64_RETIRE(W(uint32_t(a) >> d->imm))
op_sraiw: AUTOCOMP_RV64_RETIRE(int64_t(int32_t(a) >> d->imm))
op_add: AUTOCOMP_RV64_RETIRE(a + b)
op_sub: AUTOCOMP_RV64_RETIRE(a - b)
op_sll: AUTOCOMP_RV64_RETIRE(a << (b & 63))
op_slt: AUTOCOMP_RV64_RETIRE(int64_t(a) < int64_t(b))
op_sltu: AUTOCOMP_RV64_RETIRE(a < b)
op_xor: AUTOCOMP_RV64_RETIRE(a ^ b)
op_srl: AUTOCOMP_RV64_RETIRE(a >> (b & 63))
op_sra: AUTOCOMP_RV64_RETIRE(int64_t(a) >> (b & 63))
op_or: AUTOCOMP_RV64_RETIRE(a | b)
op_and: AUTOCOMP_RV64_RETIRE(a & b)
op_mul: AUTOCOMP_RV64_RETIRE(a * b)
op_mulh: AUTOCOMP_RV64_RETIRE(MulHigh(int64_t(a), int64_t(b)))
op_mulhsu: AUTOCOMP_RV64_RETIRE(MulHighSU(int64_t(a), b))
op_mulhu: AUTOCOMP_RV64_RETIRE(MulHighU(a, b))
op_div:
  AUTOCOMP_RV64_RETIRE(b == 0 ? ~0ULL
                       : (int64_t(a) == INT64_MIN && int64_t(b) == -1) ? a
                                                                       : uint64_t(int64_t(a) / int64_t(b)))
op_divu: AUTOCOMP_RV64_RETIRE(b == 0 ? ~0ULL : a / b)
op_rem:
  AUTOCOMP_RV64_RETIRE(b == 0 ? a
                       : (int64_t(a) == INT64_MIN && int64_t(b) == -1) ? 0
                                                                       : uint64_t(int64_t(a) % int64_t(b)))
op_remu: AUTOCOMP_RV64_RETIRE(b == 0 ? a : a % b)
op_addw: AUTOCOMP_RV64_RETIRE(W(a + b))
op_subw: AUTOCOMP_RV64_RETIRE(W(a - b))
op_sllw: AUTOCOMP_RV64_RETIRE(W(uint32_t(a) << (b & 31)))
op_srlw: AUTOCOMP_RV64_RETIRE(W(uint32_t(a) >> (b & 31)))
op_sraw: AUTOCOMP_RV64_RETIRE(int64_t(int32_t(a) >> (b & 31)))
op_mulw: AUTOCOMP_RV64_RETIRE(W(uint32_t(a) * uint32_t(b)))
op_divw: {
  const int32_t wa = int32_t(a), wb = int32_t(b);
  AUTOCOMP_RV64_RETIRE(wb == 0 ? ~0ULL : (wa == INT32_MIN && wb == -1) ? W(uint32_t(wa)) : W(uint32_t(wa / wb)))
}
op_divuw: {
  const uint32_t ua = uint32_t(a), ub = uint32_t(b);
  AUTOCOMP_RV64_RETIRE(ub == 0 ? ~0ULL : W(ua / ub))
}
op_remw: {
  const int32_t wa = int32_t(a), wb = int32_t(b);
  AUTOCOMP_RV64_RETIRE(wb == 0 ? W(uint32_t(wa)) : (wa == INT32_MIN && wb == -1) ? 0 : W(uint32_t(wa % wb)))
}
op_remuw: {
  const uint32_t ua = uint32_t(a), ub = uint32_t(b);
  AUTOCOMP_RV64_RETIRE(ub == 0 ? W(ua) : W(ua % ub))
}
op_flw:
op_fld: {
  if (!FpEnabled()) {
    Raise(kIllegal, d->insn);
    goto trapped;
  }
  const uint64_t addr = a + uint64_t(d->imm);
  if constexpr (kTimed) timing->Data(addr, false, ret);
  uint64_t v;
  if (d->op == kOpFld) {
    if (!FastLoad(dram, data_span, addr, &v) && !LoadMem(addr, 8, &v)) goto trapped;
  } else {
    uint32_t w;
    if (FastLoad(dram, data_span, addr, &w)) v = w;
    else if (!LoadMem(addr, 4, &v)) goto trapped;
    v = 0xffffffff00000000ULL | uint32_t(v);
  }
  f_[d->rd] = v;
  DirtyFp();
  pc += d->len;
  ++ret;
  AUTOCOMP_RV64_NEXT
}
op_fsw:
  if (!FpEnabled()) {
    Raise(kIllegal, d->insn);
    goto trapped;
  }
  AUTOCOMP_RV64_STORE(uint32_t, f_[d->rs2])
op_fsd:
  if (!FpEnabled()) {
    Raise(kIllegal, d->insn);
    goto trapped;
  }
  AUTOCOMP_RV64_STORE(uint64_t, f_[d->rs2])

trapped:  // the attempt at pc trapped: it counts as attempted and logged, not retired
  pc_ = pc;
  instret_ = ret;
  attempted_ += ret - start + 1;
  log_lines_ += ret - start + 1;
  last_log_pc_ = d->pc;
  last_log_bits_ = d->bits();
  return false;
leave:
  pc_ = pc;
  instret_ = ret;
  attempted_ += ret - start;
  log_lines_ += ret - start;
  if (d != nullptr) {
    last_log_pc_ = d->pc;
    last_log_bits_ = d->bits();
  }
  return true;
}

#undef AUTOCOMP_RV64_TIMED_FETCH
#undef AUTOCOMP_RV64_NEXT
#undef AUTOCOMP_RV64_RETIRE
#undef AUTOCOMP_RV64_BRANCH
#undef AUTOCOMP_RV64_LOAD
#undef AUTOCOMP_RV64_STORE

template bool Rv64Core::RunFast<false>(uint64_t end);
template bool Rv64Core::RunFast<true>(uint64_t end);

}  // namespace autocomp::gemmini
