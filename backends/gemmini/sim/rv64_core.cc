// backends/gemmini/sim/rv64_core.cc — fetch, decode and the integer,
// atomic, CSR and trap parts of the RV64 interpreter. Written from the
// RISC-V unprivileged and privileged specifications; counting follows
// Spike (see rv64_core.h).
#include "sim/rv64_core.h"

#include "sim/rv64_arith.h"
#include "sim/rv64_compressed.h"
#include "sim/rv64_fields.h"

namespace autocomp::gemmini {
namespace {

using namespace rv64;  // NOLINT: the instruction-field helpers

constexpr uint64_t kMstatusSie = 1ULL << 1, kMstatusMie = 1ULL << 3, kMstatusSpie = 1ULL << 5;
constexpr uint64_t kMstatusMpie = 1ULL << 7, kMstatusSpp = 1ULL << 8, kMstatusMpp = 3ULL << 11;
constexpr uint64_t kMstatusFs = 3ULL << 13, kMstatusXs = 3ULL << 15, kMstatusMprv = 1ULL << 17;
constexpr uint64_t kMstatusSum = 1ULL << 18, kMstatusMxr = 1ULL << 19, kMstatusTvm = 1ULL << 20;
constexpr uint64_t kMstatusTw = 1ULL << 21, kMstatusTsr = 1ULL << 22;
constexpr uint64_t kMstatusXl = (2ULL << 32) | (2ULL << 34);  // UXL = SXL = 64-bit
constexpr uint64_t kMisa = (2ULL << 62) | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) |
                           (1 << 12) | (1 << 18) | (1 << 20);  // RV64 IMAFDC + S + U

}  // namespace

void Rv64Core::Reset(uint64_t pc) {
  RoccUnit* rocc = rocc_;
  auto estimator = std::move(estimator_);
  CoreTiming* timing = core_timing_;
  *this = Rv64Core(mem_);
  rocc_ = rocc;
  estimator_ = std::move(estimator);
  set_core_timing(timing);
  pc_ = pc;
  priv_ = 3;
  mstatus_ = kMstatusXl;
}

void Rv64Core::CheckTimerInterrupt() {
  if (mem_->mtime >= mem_->mtimecmp) mip_ |= (1ULL << 7); else mip_ &= ~(1ULL << 7);
  uint64_t pending = mip_ & mie_;
  bool enabled = priv_ < 3 || (mstatus_ & kMstatusMie);
  if (pending && enabled) {
    int bit = 63 - __builtin_clzll(pending);
    for (int b : {11, 3, 7, 9, 1, 5}) if (pending & (1ULL << b)) { bit = b; break; }
    TakeTrap((1ULL << 63) | uint64_t(bit), 0);
  }
}

Rv64Core::Rv64Core(Memory* memory)
    : mem_(memory), icache_(new DecodedInsn[kICacheEntries]) {
  const uint64_t size = memory->dram_size();
  fetch_span_ = size >= 4 ? size - 3 : 0;
  data_span_ = size >= 8 ? size - 7 : 0;
}

void Rv64Core::set_core_timing(CoreTiming* timing) {
  core_timing_ = timing;
  for (uint32_t& c : op_extra_cycles_) c = 0;
  if (!timing) return;
  for (Rv64Op op : {kOpMul, kOpMulh, kOpMulhsu, kOpMulhu, kOpMulw}) op_extra_cycles_[op] = uint32_t(timing->multiply_extra());
  for (Rv64Op op : {kOpDiv, kOpDivu, kOpRem, kOpRemu, kOpDivw, kOpDivuw, kOpRemw, kOpRemuw}) {
    op_extra_cycles_[op] = uint32_t(timing->divide_extra());
  }
}

uint64_t Rv64Core::Step(uint64_t n) {
  const uint64_t start = instret_;
  const uint64_t end = n > ~0ULL - start ? ~0ULL : start + n;
  ClearHostFpFlags();
  while (instret_ < end && !halted_) {
    if (pc_ == watch_pc_ && on_watch_) {
      FoldHostFpFlags();
      on_watch_();
      ClearHostFpFlags();
      if (halted_) break;
    }
    const uint64_t pc = pc_;
    if (!ExecuteOne()) {
      TakeTrap(trap_.cause, trap_.tval);
      break;  // Spike ends the step after a trap
    }
    // The fast loop never repeats an attempt at the same pc (rv64_decode.h).
    if (pc_ == pc || halted_ || instret_ >= end) continue;
    if (!(core_timing_ ? RunFast<true>(end) : RunFast<false>(end))) {
      TakeTrap(trap_.cause, trap_.tval);
      break;
    }
  }
  FoldHostFpFlags();
  return instret_ - start;
}


void Rv64Core::TakeTrap(uint64_t cause, uint64_t tval) {
  ++traps_;
  last_cause_ = cause;
  last_trap_pc_ = pc_;
  last_tval_ = tval;
  mepc_ = pc_;
  mcause_ = cause;
  mtval_ = tval;
  uint64_t s = mstatus_;
  s = (s & ~kMstatusMpie) | ((s & kMstatusMie) ? kMstatusMpie : 0);
  s &= ~kMstatusMie;
  s = (s & ~kMstatusMpp) | (uint64_t(priv_) << 11);
  mstatus_ = s;
  priv_ = 3;
  uint64_t base = mtvec_ & ~3ULL;
  bool vectored = (mtvec_ & 1) && (cause >> 63);
  pc_ = vectored ? base + 4 * (cause & 63) : base;
}

bool Rv64Core::ExecuteOne() {
  uint8_t* p = mem_->Translate(pc_, 2);
  if (p == nullptr || (pc_ & 1)) return Raise(p == nullptr ? kFetchFault : kMisalignedFetch, pc_);
  uint16_t lo;
  std::memcpy(&lo, p, 2);
  uint32_t insn;
  int len;
  if ((lo & 3) == 3) {
    uint8_t* q = mem_->Translate(pc_ + 2, 2);
    if (q == nullptr) return Raise(kFetchFault, pc_ + 2);
    uint16_t hi;
    std::memcpy(&hi, q, 2);
    insn = lo | (uint32_t(hi) << 16);
    len = 4;
  } else {
    CountAttempt(lo);
    insn = ExpandCompressed(lo);
    if (insn == 0) return Raise(kIllegal, lo);
    return Execute32(insn, 2);
  }
  CountAttempt(insn);
  return Execute32(insn, len);
}

bool Rv64Core::Execute32(uint32_t i, int len) {
  uint64_t next = pc_ + len;
  uint32_t rd = Rd(i);
  uint64_t a = x_[Rs1(i)], b = x_[Rs2(i)];
  uint64_t result = 0;
  bool write = true;
  switch (i & 0x7f) {
    case 0x37: result = uint64_t(ImmU(i)); break;                 // LUI
    case 0x17: result = pc_ + uint64_t(ImmU(i)); break;           // AUIPC
    case 0x6f: result = next; next = pc_ + ImmJ(i); break;        // JAL
    case 0x67: {                                                   // JALR
      if (Funct3(i) != 0) return Raise(kIllegal, i);
      uint64_t target = (a + ImmI(i)) & ~1ULL;
      result = next;
      next = target;
      break;
    }
    case 0x63: {                                                   // branches
      bool take;
      switch (Funct3(i)) {
        case 0: take = a == b; break;
        case 1: take = a != b; break;
        case 4: take = int64_t(a) < int64_t(b); break;
        case 5: take = int64_t(a) >= int64_t(b); break;
        case 6: take = a < b; break;
        case 7: take = a >= b; break;
        default: return Raise(kIllegal, i);
      }
      if (take) next = pc_ + ImmB(i);
      write = false;
      break;
    }
    case 0x03: {                                                   // loads
      uint64_t addr = a + ImmI(i), v;
      switch (Funct3(i)) {
        case 0: if (!LoadMem(addr, 1, &v)) return false; result = Sext(v, 8); break;
        case 1: if (!LoadMem(addr, 2, &v)) return false; result = Sext(v, 16); break;
        case 2: if (!LoadMem(addr, 4, &v)) return false; result = Sext(v, 32); break;
        case 3: if (!LoadMem(addr, 8, &v)) return false; result = v; break;
        case 4: if (!LoadMem(addr, 1, &v)) return false; result = v & 0xff; break;
        case 5: if (!LoadMem(addr, 2, &v)) return false; result = v & 0xffff; break;
        case 6: if (!LoadMem(addr, 4, &v)) return false; result = v & 0xffffffff; break;
        default: return Raise(kIllegal, i);
      }
      break;
    }
    case 0x23: {                                                   // stores
      uint64_t addr = a + ImmS(i);
      uint32_t f3 = Funct3(i);
      if (f3 > 3) return Raise(kIllegal, i);
      if (!StoreMem(addr, 1 << f3, b)) return false;
      write = false;
      break;
    }
    case 0x13: {                                                   // OP-IMM
      int64_t imm = ImmI(i);
      uint32_t sh = (i >> 20) & 63;
      switch (Funct3(i)) {
        case 0: result = a + imm; break;
        case 1: if ((i >> 26) != 0) return Raise(kIllegal, i); result = a << sh; break;
        case 2: result = int64_t(a) < imm; break;
        case 3: result = a < uint64_t(imm); break;
        case 4: result = a ^ imm; break;
        case 5:
          if ((i >> 26) == 0) result = a >> sh;
          else if ((i >> 26) == 0x10) result = uint64_t(int64_t(a) >> sh);
          else return Raise(kIllegal, i);
          break;
        case 6: result = a | imm; break;
        case 7: result = a & imm; break;
      }
      break;
    }
    case 0x1b: {                                                   // OP-IMM-32
      uint32_t sh = (i >> 20) & 31;
      switch (Funct3(i)) {
        case 0: result = Sext(uint32_t(a + ImmI(i)), 32); break;
        case 1: if (Funct7(i) != 0) return Raise(kIllegal, i); result = Sext(uint32_t(a) << sh, 32); break;
        case 5:
          if (Funct7(i) == 0) result = Sext(uint32_t(a) >> sh, 32);
          else if (Funct7(i) == 0x20) result = Sext(uint32_t(int32_t(a) >> sh), 32);
          else return Raise(kIllegal, i);
          break;
        default: return Raise(kIllegal, i);
      }
      break;
    }
    case 0x33: {                                                   // OP
      uint32_t f7 = Funct7(i), f3 = Funct3(i);
      if (f7 == 0) {
        switch (f3) {
          case 0: result = a + b; break;
          case 1: result = a << (b & 63); break;
          case 2: result = int64_t(a) < int64_t(b); break;
          case 3: result = a < b; break;
          case 4: result = a ^ b; break;
          case 5: result = a >> (b & 63); break;
          case 6: result = a | b; break;
          case 7: result = a & b; break;
        }
      } else if (f7 == 0x20) {
        if (f3 == 0) result = a - b;
        else if (f3 == 5) result = uint64_t(int64_t(a) >> (b & 63));
        else return Raise(kIllegal, i);
      } else if (f7 == 1) {
        switch (f3) {
          case 0: result = a * b; break;
          case 1: result = MulHigh(int64_t(a), int64_t(b)); break;
          case 2: result = MulHighSU(int64_t(a), b); break;
          case 3: result = MulHighU(a, b); break;
          case 4:
            if (b == 0) result = ~0ULL;
            else if (int64_t(a) == INT64_MIN && int64_t(b) == -1) result = a;
            else result = uint64_t(int64_t(a) / int64_t(b));
            break;
          case 5: result = b == 0 ? ~0ULL : a / b; break;
          case 6:
            if (b == 0) result = a;
            else if (int64_t(a) == INT64_MIN && int64_t(b) == -1) result = 0;
            else result = uint64_t(int64_t(a) % int64_t(b));
            break;
          case 7: result = b == 0 ? a : a % b; break;
        }
      } else {
        return Raise(kIllegal, i);
      }
      break;
    }
    case 0x3b: {                                                   // OP-32
      uint32_t f7 = Funct7(i), f3 = Funct3(i);
      int32_t wa = int32_t(a), wb = int32_t(b);
      uint32_t ua = uint32_t(a), ub = uint32_t(b);
      if (f7 == 0) {
        if (f3 == 0) result = Sext(ua + ub, 32);
        else if (f3 == 1) result = Sext(ua << (ub & 31), 32);
        else if (f3 == 5) result = Sext(ua >> (ub & 31), 32);
        else return Raise(kIllegal, i);
      } else if (f7 == 0x20) {
        if (f3 == 0) result = Sext(ua - ub, 32);
        else if (f3 == 5) result = Sext(uint32_t(wa >> (ub & 31)), 32);
        else return Raise(kIllegal, i);
      } else if (f7 == 1) {
        switch (f3) {
          case 0: result = Sext(ua * ub, 32); break;
          case 4:
            if (wb == 0) result = ~0ULL;
            else if (wa == INT32_MIN && wb == -1) result = Sext(uint32_t(wa), 32);
            else result = Sext(uint32_t(wa / wb), 32);
            break;
          case 5: result = wb == 0 ? ~0ULL : Sext(ua / ub, 32); break;
          case 6:
            if (wb == 0) result = Sext(ua, 32);
            else if (wa == INT32_MIN && wb == -1) result = 0;
            else result = Sext(uint32_t(wa % wb), 32);
            break;
          case 7: result = ub == 0 ? Sext(ua, 32) : Sext(ua % ub, 32); break;
          default: return Raise(kIllegal, i);
        }
      } else {
        return Raise(kIllegal, i);
      }
      break;
    }
    case 0x0f:                                                     // FENCE, FENCE.I
      if (Funct3(i) > 1) return Raise(kIllegal, i);
      if (Funct3(i) == 0 && rocc_ != nullptr) {
        FoldHostFpFlags();
        rocc_->OnFence(instret_);
        ClearHostFpFlags();
      }
      write = false;
      break;
    case 0x2f:                                                     // AMO
      if (!ExecuteAmo(i)) return false;
      write = false;
      break;
    case 0x73:                                                     // SYSTEM
      return ExecuteSystem(i, len);
    case 0x07: case 0x27: case 0x43: case 0x47: case 0x4b: case 0x4f: case 0x53:
      if (!ExecuteFp(i)) return false;
      write = false;
      break;
    case 0x7b: {                                                   // custom-3: Gemmini
      if (rocc_ == nullptr) return Raise(kIllegal, i);
      uint64_t xs1 = (i >> 13) & 1 ? a : ~0ULL;
      uint64_t xs2 = (i >> 12) & 1 ? b : ~0ULL;
      uint64_t value = 0, fault = 0;
      RoccCommand cmd{i, xs1, xs2, pc_, instret_};
      FoldHostFpFlags();
      const RoccUnit::Outcome outcome = rocc_->Execute(cmd, &value, &fault);
      ClearHostFpFlags();
      switch (outcome) {
        case RoccUnit::Outcome::kDone: break;
        case RoccUnit::Outcome::kIllegal: return Raise(kIllegal, i);
        case RoccUnit::Outcome::kLoadFault: return Raise(kLoadFault, fault);
        case RoccUnit::Outcome::kStoreFault: return Raise(kStoreFault, fault);
        case RoccUnit::Outcome::kHalt: halted_ = true; break;
      }
      write = (i >> 14) & 1;
      result = value;
      break;
    }
    default:
      return Raise(kIllegal, i);
  }
  if (write && rd != 0) x_[rd] = result;
  pc_ = next;
  ++instret_;
  return true;
}

bool Rv64Core::ExecuteAmo(uint32_t i) {
  uint32_t f3 = Funct3(i), f5 = i >> 27, rd = Rd(i);
  if (f3 != 2 && f3 != 3) return Raise(kIllegal, i);
  int size = f3 == 2 ? 4 : 8;
  uint64_t addr = x_[Rs1(i)], src = x_[Rs2(i)];
  uint64_t old;
  if (f5 == 2) {  // LR
    if (Rs2(i) != 0) return Raise(kIllegal, i);
    if (addr & (size - 1)) return Raise(kMisalignedLoad, addr);
    if (!LoadMem(addr, size, &old)) return false;
    reservation_ = addr;
    reservation_valid_ = true;
    if (rd) x_[rd] = size == 4 ? Sext(old, 32) : old;
    return true;
  }
  if (addr & (size - 1)) return Raise(kMisalignedStore, addr);
  if (f5 == 3) {  // SC
    bool ok = reservation_valid_ && reservation_ == addr;
    if (ok) {
      if (!StoreMem(addr, size, src)) return false;
    } else if (mem_->Translate(addr, size) == nullptr) {
      return Raise(kStoreFault, addr);
    }
    reservation_valid_ = false;
    if (rd) x_[rd] = ok ? 0 : 1;
    return true;
  }
  if (mem_->Translate(addr, size) == nullptr) return Raise(kStoreFault, addr);
  if (!LoadMem(addr, size, &old)) return false;
  if (size == 4) { old = Sext(old, 32); src = Sext(src, 32); }
  uint64_t v;
  switch (f5) {
    case 0x01: v = src; break;
    case 0x00: v = old + src; break;
    case 0x04: v = old ^ src; break;
    case 0x0c: v = old & src; break;
    case 0x08: v = old | src; break;
    case 0x10: v = int64_t(old) < int64_t(src) ? old : src; break;
    case 0x14: v = int64_t(old) > int64_t(src) ? old : src; break;
    case 0x18: v = size == 4 ? (uint32_t(old) < uint32_t(src) ? old : src) : (old < src ? old : src); break;
    case 0x1c: v = size == 4 ? (uint32_t(old) > uint32_t(src) ? old : src) : (old > src ? old : src); break;
    default: return Raise(kIllegal, i);
  }
  if (!StoreMem(addr, size, v)) return false;
  if (rd) x_[rd] = old;
  return true;
}

bool Rv64Core::ExecuteSystem(uint32_t i, int len) {
  uint32_t f3 = Funct3(i), rd = Rd(i), rs1 = Rs1(i);
  if (f3 == 0) {
    if (i == 0x00000073) return Raise(priv_ == 3 ? kEcallM : kEcallU, 0);   // ECALL
    if (i == 0x00100073) return Raise(kBreakpoint, pc_);                    // EBREAK
    if (i == 0x30200073) {                                                   // MRET
      if (priv_ < 3) return Raise(kIllegal, i);
      uint64_t s = mstatus_;
      int mpp = int((s & kMstatusMpp) >> 11);
      s = (s & ~kMstatusMie) | ((s & kMstatusMpie) ? kMstatusMie : 0);
      s |= kMstatusMpie;
      s &= ~kMstatusMpp;  // least-privileged mode supported: U
      if (mpp != 3) s &= ~kMstatusMprv;
      mstatus_ = s;
      priv_ = mpp == 2 ? 0 : mpp;
      pc_ = mepc_ & ~1ULL;
      ++instret_;
      return true;
    }
    if (i == 0x10500073) {                                                   // WFI
      if (priv_ < 3 && (mstatus_ & kMstatusTw)) return Raise(kIllegal, i);
      pc_ += len;
      ++instret_;
      return true;
    }
    if ((i >> 25) == 0x09) { pc_ += len; ++instret_; return true; }         // SFENCE.VMA
    return Raise(kIllegal, i);
  }
  if (f3 == 4) return Raise(kIllegal, i);
  uint32_t csr = i >> 20;
  uint64_t src = (f3 & 4) ? rs1 : x_[rs1];
  bool writes = (f3 & 3) == 1 || rs1 != 0;
  bool reads = (f3 & 3) != 1 || rd != 0;
  // Privilege and read-only checks (csr[9:8] = lowest privilege, csr[11:10] == 3 read-only).
  if (int((csr >> 8) & 3) > priv_) return Raise(kIllegal, i);
  if (writes && (csr >> 10) == 3) return Raise(kIllegal, i);
  uint64_t old = 0;
  if (!CsrRead(csr, &old)) return Raise(kIllegal, i);
  (void)reads;
  if (writes) {
    uint64_t v = (f3 & 3) == 1 ? src : (f3 & 3) == 2 ? (old | src) : (old & ~src);
    if (!CsrWrite(csr, v)) return Raise(kIllegal, i);
  }
  if (rd) x_[rd] = old;
  pc_ += len;
  ++instret_;
  return true;
}

bool Rv64Core::CsrRead(uint32_t csr, uint64_t* v) {
  switch (csr) {
    case 0x001: if (!FpEnabled()) return false; FoldHostFpFlags(); *v = fflags_; return true;
    case 0x002: if (!FpEnabled()) return false; *v = frm_; return true;
    case 0x003: if (!FpEnabled()) return false; FoldHostFpFlags(); *v = (frm_ << 5) | fflags_; return true;
    case 0xc00: case 0xb00:
      RecordCounterRead();
      *v = instret_ + cycle_offset_;
      return true;
    case 0xc02: case 0xb02:
      RecordCounterRead();
      *v = instret_ + instret_offset_;
      return true;
    case 0xc01: *v = mem_->mtime; return true;
    case 0x300: {
      uint64_t s = mstatus_;
      if (((s & kMstatusFs) == kMstatusFs) || ((s & kMstatusXs) == kMstatusXs)) s |= 1ULL << 63;
      *v = s;
      return true;
    }
    case 0x100: {
      uint64_t mask = kMstatusSie | kMstatusSpie | kMstatusSpp | kMstatusFs | kMstatusXs | kMstatusSum |
                      kMstatusMxr | (3ULL << 32);
      uint64_t s = mstatus_ & mask;
      if (((s & kMstatusFs) == kMstatusFs) || ((s & kMstatusXs) == kMstatusXs)) s |= 1ULL << 63;
      *v = s;
      return true;
    }
    case 0x301: *v = kMisa; return true;
    case 0x302: *v = medeleg_; return true;
    case 0x303: *v = mideleg_; return true;
    case 0x304: *v = mie_; return true;
    case 0x305: *v = mtvec_; return true;
    case 0x306: *v = mcounteren_; return true;
    case 0x30a: *v = menvcfg_; return true;
    case 0x320: *v = mcountinhibit_; return true;
    case 0x340: *v = mscratch_; return true;
    case 0x341: *v = mepc_; return true;
    case 0x342: *v = mcause_; return true;
    case 0x343: *v = mtval_; return true;
    case 0x344: *v = mip_; return true;
    case 0x3a0: *v = pmpcfg0_; return true;
    case 0x106: *v = scounteren_; return true;
    case 0x105: *v = stvec_; return true;
    case 0x140: *v = sscratch_; return true;
    case 0x141: *v = sepc_; return true;
    case 0x142: *v = scause_; return true;
    case 0x143: *v = stval_; return true;
    case 0x180: *v = satp_; return true;
    case 0x104: *v = mie_ & mideleg_; return true;
    case 0x144: *v = mip_ & mideleg_; return true;
    case 0xf11: case 0xf12: case 0xf13: case 0xf14: case 0xf15: *v = 0; return true;
    default:
      if (csr >= 0x3b0 && csr < 0x3c0) { *v = pmpaddr_[csr - 0x3b0]; return true; }
      if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0xc03 && csr <= 0xc1f) ||
          (csr >= 0x323 && csr <= 0x33f)) { *v = 0; return true; }  // hpm counters/events
      return false;
  }
}

bool Rv64Core::CsrWrite(uint32_t csr, uint64_t v) {
  switch (csr) {
    case 0x001: FoldHostFpFlags(); fflags_ = v & 31; DirtyFp(); return true;
    case 0x002: frm_ = v & 7; DirtyFp(); return true;
    case 0x003: FoldHostFpFlags(); fflags_ = v & 31; frm_ = (v >> 5) & 7; DirtyFp(); return true;
    case 0xb00: cycle_offset_ = v - (instret_ + 1); return true;
    case 0xb02: instret_offset_ = v - (instret_ + 1); return true;
    case 0x300: {
      uint64_t mask = kMstatusSie | kMstatusMie | kMstatusSpie | kMstatusMpie | kMstatusSpp | kMstatusMpp |
                      kMstatusFs | kMstatusXs | kMstatusMprv | kMstatusSum | kMstatusMxr | kMstatusTvm |
                      kMstatusTw | kMstatusTsr;
      uint64_t s = (mstatus_ & ~mask) | (v & mask);
      if (((s & kMstatusMpp) >> 11) == 2) s &= ~kMstatusMpp;  // H mode does not exist
      mstatus_ = s;
      return true;
    }
    case 0x100: {
      uint64_t mask = kMstatusSie | kMstatusSpie | kMstatusSpp | kMstatusFs | kMstatusXs | kMstatusSum | kMstatusMxr;
      mstatus_ = (mstatus_ & ~mask) | (v & mask);
      return true;
    }
    case 0x301: return true;  // misa is fixed
    case 0x302: medeleg_ = v & 0xb3ff; return true;
    case 0x303: mideleg_ = v & 0x222; return true;
    case 0x304: mie_ = v & 0xaaa; return true;
    case 0x305: mtvec_ = (v & 1) ? (v & ~2ULL) : (v & ~3ULL); return true;
    case 0x306: mcounteren_ = v & 0xffffffff; return true;
    case 0x30a: menvcfg_ = v; return true;
    case 0x320: mcountinhibit_ = v & ~2ULL; return true;
    case 0x340: mscratch_ = v; return true;
    case 0x341: mepc_ = v & ~1ULL; return true;
    case 0x342: mcause_ = v; return true;
    case 0x343: mtval_ = v; return true;
    case 0x344: mip_ = (mip_ & ~0x222ULL) | (v & 0x222); return true;
    case 0x3a0: pmpcfg0_ = v; return true;
    case 0x106: scounteren_ = v & 0xffffffff; return true;
    case 0x105: stvec_ = v & ~2ULL; return true;
    case 0x140: sscratch_ = v; return true;
    case 0x141: sepc_ = v & ~1ULL; return true;
    case 0x142: scause_ = v; return true;
    case 0x143: stval_ = v; return true;
    case 0x180: return true;  // bare translation only; writes are ignored
    case 0x104: mie_ = (mie_ & ~mideleg_) | (v & mideleg_); return true;
    case 0x144: return true;
    default:
      if (csr >= 0x3b0 && csr < 0x3c0) { pmpaddr_[csr - 0x3b0] = v & ((1ULL << 54) - 1); return true; }
      if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0x323 && csr <= 0x33f)) return true;
      return false;
  }
}

}  // namespace autocomp::gemmini
