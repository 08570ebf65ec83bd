// backends/gemmini/sim/rv64_fpu.cc — the F and D extensions of the RV64
// interpreter. Arithmetic is the host's IEEE-754 (correctly rounded add,
// sub, mul, div, sqrt, fma); what differs between hosts and RISC-V is
// written out here: NaN boxing, the canonical NaN, fmin/fmax, comparisons,
// float-to-integer conversion (saturating) and the accrued flags.
// Compiled with -frounding-math so the host honours fesetround().
#include <cfenv>
#include <cmath>
#include <cstring>

#include "sim/rv64_core.h"

namespace autocomp::gemmini {
namespace {

constexpr uint32_t kNV = 16, kDZ = 8, kOF = 4, kUF = 2, kNX = 1;
constexpr uint32_t kCanonicalNanS = 0x7fc00000;
constexpr uint64_t kCanonicalNanD = 0x7ff8000000000000ULL;

inline float AsF(uint32_t b) { float f; std::memcpy(&f, &b, 4); return f; }
inline double AsD(uint64_t b) { double d; std::memcpy(&d, &b, 8); return d; }
inline uint32_t BitsF(float f) { uint32_t b; std::memcpy(&b, &f, 4); return b; }
inline uint64_t BitsD(double d) { uint64_t b; std::memcpy(&b, &d, 8); return b; }

inline bool IsSnanF(uint32_t b) { return (b & 0x7f800000) == 0x7f800000 && (b & 0x7fffff) && !(b & 0x400000); }
inline bool IsSnanD(uint64_t b) {
  return (b & 0x7ff0000000000000ULL) == 0x7ff0000000000000ULL && (b & 0xfffffffffffffULL) && !(b & 0x8000000000000ULL);
}

// The accrued exception flags, computed lazily. RISC-V's fflags only ever
// accumulate (an OR of every operation's flags) until a CSR instruction
// reads or writes them, and the host's IEEE flags accumulate the same way.
// So the arithmetic below runs with no per-operation flag handling: the
// host flags raised by the guest's operations are folded into fflags_ by
// FoldHostFpFlags() before anything can observe fflags (a CSR access to
// fflags/fcsr) and before any other host code runs (the end of each Step,
// a RoCC instruction or fence, a counter-read estimate, the watch
// callback), and cleared after such code by ClearHostFpFlags(). This is
// exact because the only host operations in between are the guest's own:
// what this file computes outside the arithmetic (isnan, comparisons,
// float-to-double of a NaN, integer conversions of integral values) raises
// at most the invalid flag for a signalling NaN, which the RISC-V operation
// raises too, and the integer interpreter does no floating point. Reading
// the flags per operation was the simulator's largest cost on
// floating-point code (feclearexcept reloads the x87 environment).

// Sets the host rounding mode for one RISC-V operation and restores it.
class RoundingScope {
 public:
  explicit RoundingScope(uint32_t rm) {
    int mode = FE_TONEAREST;
    if (rm == 1) mode = FE_TOWARDZERO;
    else if (rm == 2) mode = FE_DOWNWARD;
    else if (rm == 3) mode = FE_UPWARD;
    changed_ = mode != FE_TONEAREST;
    if (changed_) std::fesetround(mode);
  }
  ~RoundingScope() { if (changed_) std::fesetround(FE_TONEAREST); }

 private:
  bool changed_;
};

double RoundToIntegral(double v, uint32_t rm) {
  switch (rm) {
    case 1: return std::trunc(v);
    case 2: return std::floor(v);
    case 3: return std::ceil(v);
    case 4: return std::round(v);
    default: return std::nearbyint(v);  // host default mode is round-to-nearest-even
  }
}

// RISC-V float -> integer conversion: saturating, NaN -> largest value.
uint64_t ToInt(double v, bool is_nan, uint32_t rm, int bits, bool is_unsigned, uint32_t* flags) {
  if (is_nan) {
    *flags |= kNV;
    if (is_unsigned) return bits == 32 ? ~0ULL : ~0ULL;
    return bits == 32 ? 0x7fffffffULL : 0x7fffffffffffffffULL;
  }
  double r = RoundToIntegral(v, rm);
  double lo = is_unsigned ? 0.0 : -std::ldexp(1.0, bits - 1);
  double hi = is_unsigned ? std::ldexp(1.0, bits) : std::ldexp(1.0, bits - 1);
  uint64_t out;
  if (r < lo) {
    *flags |= kNV;
    out = is_unsigned ? 0 : (bits == 32 ? uint64_t(int64_t(INT32_MIN)) : uint64_t(INT64_MIN));
    return out;
  }
  if (r >= hi) {
    *flags |= kNV;
    if (is_unsigned) return ~0ULL;
    return bits == 32 ? 0x7fffffffULL : 0x7fffffffffffffffULL;
  }
  if (r != v) *flags |= kNX;
  if (is_unsigned) {
    out = bits == 32 ? uint64_t(int64_t(int32_t(uint32_t(r)))) : uint64_t(r);
  } else {
    out = bits == 32 ? uint64_t(int64_t(int32_t(r))) : uint64_t(int64_t(r));
  }
  return out;
}

uint64_t ClassifyBits(bool sign, bool inf, bool nan, bool snan, bool zero, bool subnormal) {
  if (nan) return snan ? (1 << 8) : (1 << 9);
  if (inf) return sign ? (1 << 0) : (1 << 7);
  if (zero) return sign ? (1 << 3) : (1 << 4);
  if (subnormal) return sign ? (1 << 2) : (1 << 5);
  return sign ? (1 << 1) : (1 << 6);
}

}  // namespace

void Rv64Core::FoldHostFpFlags() {
  const int e = std::fetestexcept(FE_ALL_EXCEPT);
  if (e == 0) return;
  uint32_t f = 0;
  if (e & FE_INVALID) f |= kNV;
  if (e & FE_DIVBYZERO) f |= kDZ;
  if (e & FE_OVERFLOW) f |= kOF;
  if (e & FE_UNDERFLOW) f |= kUF;
  if (e & FE_INEXACT) f |= kNX;
  fflags_ |= f;
  std::feclearexcept(FE_ALL_EXCEPT);
}

void Rv64Core::ClearHostFpFlags() { std::feclearexcept(FE_ALL_EXCEPT); }

bool Rv64Core::ExecuteFp(uint32_t i) {
  if (!FpEnabled()) return Raise(kIllegal, i);
  const uint32_t op = i & 0x7f, rd = (i >> 7) & 31, rs1 = (i >> 15) & 31, rs2 = (i >> 20) & 31;
  const uint32_t f3 = (i >> 12) & 7;
  auto read_s = [&](uint32_t r) -> uint32_t {
    uint64_t v = f_[r];
    return (v >> 32) == 0xffffffffULL ? uint32_t(v) : kCanonicalNanS;
  };
  auto write_s = [&](uint32_t bits) { f_[rd] = 0xffffffff00000000ULL | bits; DirtyFp(); };
  auto write_d = [&](uint64_t bits) { f_[rd] = bits; DirtyFp(); };
  auto box_s = [](float v) { uint32_t b = BitsF(v); return std::isnan(v) ? kCanonicalNanS : b; };
  auto box_d = [](double v) { uint64_t b = BitsD(v); return std::isnan(v) ? kCanonicalNanD : b; };

  if (op == 0x07 || op == 0x27) {  // FLW/FLD, FSW/FSD
    uint64_t base = x_[rs1];
    if (op == 0x07) {
      uint64_t addr = base + (int64_t(int32_t(i)) >> 20), v;
      if (f3 == 2) { if (!LoadMem(addr, 4, &v)) return false; write_s(uint32_t(v)); return true; }
      if (f3 == 3) { if (!LoadMem(addr, 8, &v)) return false; write_d(v); return true; }
      return Raise(kIllegal, i);
    }
    int64_t imm = (int64_t(int32_t(i)) >> 25 << 5) | ((i >> 7) & 31);
    uint64_t addr = base + imm;
    if (f3 == 2) return StoreMem(addr, 4, f_[rs2] & 0xffffffffULL);
    if (f3 == 3) return StoreMem(addr, 8, f_[rs2]);
    return Raise(kIllegal, i);
  }

  uint32_t rm = f3 == 7 ? frm_ : f3;
  auto rm_ok = [&]() { return rm <= 4; };
  const uint32_t fmt = (i >> 25) & 3;  // 0 = S, 1 = D

  if (op == 0x43 || op == 0x47 || op == 0x4b || op == 0x4f) {  // fused multiply-add family
    if (!rm_ok() || fmt > 1) return Raise(kIllegal, i);
    const uint32_t rs3 = i >> 27;
    const bool neg_prod = op == 0x4b || op == 0x4f, neg_add = op == 0x47 || op == 0x4f;
    uint32_t flags = 0;
    if (fmt == 0) {
      uint32_t a = read_s(rs1), b = read_s(rs2), c = read_s(rs3);
      float r;
      {
        RoundingScope scope(rm);
        float fa = AsF(a), fb = AsF(b), fc = AsF(c);
        r = std::fmaf(neg_prod ? -fa : fa, fb, neg_add ? -fc : fc);
      }
      if (IsSnanF(a) || IsSnanF(b) || IsSnanF(c)) flags |= kNV;
      // inf * 0 is invalid even when the addend is a quiet NaN (RISC-V, softfloat); x86's FMA
      // does not signal that case.
      if ((std::isinf(AsF(a)) && AsF(b) == 0.0f) || (AsF(a) == 0.0f && std::isinf(AsF(b)))) flags |= kNV;
      write_s(box_s(r));
      fflags_ |= flags;
    } else {
      uint64_t a = f_[rs1], b = f_[rs2], c = f_[rs3];
      double r;
      {
        RoundingScope scope(rm);
        double da = AsD(a), db = AsD(b), dc = AsD(c);
        r = std::fma(neg_prod ? -da : da, db, neg_add ? -dc : dc);
      }
      if (IsSnanD(a) || IsSnanD(b) || IsSnanD(c)) flags |= kNV;
      if ((std::isinf(AsD(a)) && AsD(b) == 0.0) || (AsD(a) == 0.0 && std::isinf(AsD(b)))) flags |= kNV;
      write_d(box_d(r));
      fflags_ |= flags;
    }
    return true;
  }
  if (op != 0x53) return Raise(kIllegal, i);

  const uint32_t f7 = i >> 25;
  if (f7 & 2) return Raise(kIllegal, i);  // half and quad formats are not implemented
  const bool dbl = f7 & 1;
  uint32_t flags = 0;
  switch (f7 >> 2) {
    case 0x00: case 0x01: case 0x02: case 0x03: case 0x0b: {  // add sub mul div sqrt
      if (!rm_ok()) return Raise(kIllegal, i);
      uint32_t kind = f7 >> 2;
      if (kind == 0x0b && rs2 != 0) return Raise(kIllegal, i);
      if (!dbl) {
        uint32_t a = read_s(rs1), b = read_s(rs2);
        float r;
        {
          RoundingScope scope(rm);
          volatile float fa = AsF(a), fb = AsF(b);
          switch (kind) {
            case 0: r = fa + fb; break;
            case 1: r = fa - fb; break;
            case 2: r = fa * fb; break;
            case 3: r = fa / fb; break;
            default: r = std::sqrt(float(fa)); break;
          }
        }
        write_s(box_s(r));
      } else {
        uint64_t a = f_[rs1], b = f_[rs2];
        double r;
        {
          RoundingScope scope(rm);
          volatile double da = AsD(a), db = AsD(b);
          switch (kind) {
            case 0: r = da + db; break;
            case 1: r = da - db; break;
            case 2: r = da * db; break;
            case 3: r = da / db; break;
            default: r = std::sqrt(double(da)); break;
          }
        }
        write_d(box_d(r));
      }
      break;
    }
    case 0x04: {  // sign injection
      if (f3 > 2) return Raise(kIllegal, i);
      if (!dbl) {
        uint32_t a = read_s(rs1), b = read_s(rs2), s = b & 0x80000000u;
        if (f3 == 1) s ^= 0x80000000u;
        if (f3 == 2) s = (a ^ b) & 0x80000000u;
        write_s((a & 0x7fffffffu) | s);
      } else {
        uint64_t a = f_[rs1], b = f_[rs2], m = 1ULL << 63, s = b & m;
        if (f3 == 1) s ^= m;
        if (f3 == 2) s = (a ^ b) & m;
        write_d((a & ~m) | s);
      }
      break;
    }
    case 0x05: {  // min / max
      if (f3 > 1) return Raise(kIllegal, i);
      bool is_max = f3 == 1;
      if (!dbl) {
        uint32_t a = read_s(rs1), b = read_s(rs2);
        float fa = AsF(a), fb = AsF(b);
        if (IsSnanF(a) || IsSnanF(b)) flags |= kNV;
        uint32_t r;
        if (std::isnan(fa) && std::isnan(fb)) r = kCanonicalNanS;
        else if (std::isnan(fa)) r = b;
        else if (std::isnan(fb)) r = a;
        else if (fa == fb) r = is_max ? (a & b) : (a | b);  // +0 vs -0 by sign bit
        else r = ((fa < fb) != is_max) ? a : b;
        write_s(r);
      } else {
        uint64_t a = f_[rs1], b = f_[rs2];
        double da = AsD(a), db = AsD(b);
        if (IsSnanD(a) || IsSnanD(b)) flags |= kNV;
        uint64_t r;
        if (std::isnan(da) && std::isnan(db)) r = kCanonicalNanD;
        else if (std::isnan(da)) r = b;
        else if (std::isnan(db)) r = a;
        else if (da == db) r = is_max ? (a & b) : (a | b);
        else r = ((da < db) != is_max) ? a : b;
        write_d(r);
      }
      break;
    }
    case 0x08: {  // fcvt.s.d / fcvt.d.s
      if (!rm_ok()) return Raise(kIllegal, i);
      if (f7 == 0x20 && rs2 == 1) {
        uint64_t a = f_[rs1];
        float r;
        {
          RoundingScope scope(rm);
          volatile double d = AsD(a);
          r = float(d);
        }
        if (IsSnanD(a)) flags |= kNV;
        write_s(box_s(r));
      } else if (f7 == 0x21 && rs2 == 0) {
        uint32_t a = read_s(rs1);
        double r = double(AsF(a));
        if (IsSnanF(a)) flags |= kNV;
        write_d(box_d(r));
      } else {
        return Raise(kIllegal, i);
      }
      break;
    }
    case 0x14: {  // comparisons
      bool r;
      if (!dbl) {
        uint32_t a = read_s(rs1), b = read_s(rs2);
        float fa = AsF(a), fb = AsF(b);
        bool any_nan = std::isnan(fa) || std::isnan(fb);
        if (f3 == 2) { if (IsSnanF(a) || IsSnanF(b)) flags |= kNV; r = !any_nan && fa == fb; }
        else if (f3 == 1) { if (any_nan) flags |= kNV; r = !any_nan && fa < fb; }
        else if (f3 == 0) { if (any_nan) flags |= kNV; r = !any_nan && fa <= fb; }
        else return Raise(kIllegal, i);
      } else {
        uint64_t a = f_[rs1], b = f_[rs2];
        double da = AsD(a), db = AsD(b);
        bool any_nan = std::isnan(da) || std::isnan(db);
        if (f3 == 2) { if (IsSnanD(a) || IsSnanD(b)) flags |= kNV; r = !any_nan && da == db; }
        else if (f3 == 1) { if (any_nan) flags |= kNV; r = !any_nan && da < db; }
        else if (f3 == 0) { if (any_nan) flags |= kNV; r = !any_nan && da <= db; }
        else return Raise(kIllegal, i);
      }
      if (rd) x_[rd] = r;
      break;
    }
    case 0x18: {  // fcvt.{w,wu,l,lu}.{s,d}
      if (!rm_ok() || rs2 > 3) return Raise(kIllegal, i);
      double v;
      bool nan;
      if (!dbl) { float f = AsF(read_s(rs1)); v = f; nan = std::isnan(f); }
      else { v = AsD(f_[rs1]); nan = std::isnan(v); }
      uint64_t r = ToInt(v, nan, rm, rs2 < 2 ? 32 : 64, rs2 & 1, &flags);
      if (rd) x_[rd] = r;
      break;
    }
    case 0x1a: {  // fcvt.{s,d}.{w,wu,l,lu}
      if (!rm_ok() || rs2 > 3) return Raise(kIllegal, i);
      uint64_t a = x_[rs1];
      RoundingScope scope(rm);
      if (!dbl) {
        volatile float r;
        switch (rs2) {
          case 0: r = float(int32_t(a)); break;
          case 1: r = float(uint32_t(a)); break;
          case 2: r = float(int64_t(a)); break;
          default: r = float(a); break;
        }
        write_s(BitsF(r));
      } else {
        volatile double r;
        switch (rs2) {
          case 0: r = double(int32_t(a)); break;
          case 1: r = double(uint32_t(a)); break;
          case 2: r = double(int64_t(a)); break;
          default: r = double(a); break;
        }
        write_d(BitsD(r));
      }
      break;
    }
    case 0x1c: {  // fmv.x.{w,d} / fclass
      if (rs2 != 0) return Raise(kIllegal, i);
      uint64_t r;
      if (f3 == 0) {
        r = dbl ? f_[rs1] : uint64_t(int64_t(int32_t(uint32_t(f_[rs1]))));
      } else if (f3 == 1) {
        if (!dbl) {
          uint32_t b = read_s(rs1);
          uint32_t e = (b >> 23) & 0xff, m = b & 0x7fffff;
          r = ClassifyBits(b >> 31, e == 0xff && !m, e == 0xff && m, IsSnanF(b), !e && !m, !e && m);
        } else {
          uint64_t b = f_[rs1];
          uint64_t e = (b >> 52) & 0x7ff, m = b & 0xfffffffffffffULL;
          r = ClassifyBits(b >> 63, e == 0x7ff && !m, e == 0x7ff && m, IsSnanD(b), !e && !m, !e && m);
        }
      } else {
        return Raise(kIllegal, i);
      }
      if (rd) x_[rd] = r;
      break;
    }
    case 0x1e: {  // fmv.{w,d}.x
      if (rs2 != 0 || f3 != 0) return Raise(kIllegal, i);
      if (!dbl) write_s(uint32_t(x_[rs1])); else write_d(x_[rs1]);
      break;
    }
    default:
      return Raise(kIllegal, i);
  }
  if (flags) { fflags_ |= flags; DirtyFp(); }
  return true;
}

}  // namespace autocomp::gemmini
