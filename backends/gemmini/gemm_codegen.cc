// backends/gemmini/gemm_codegen.cc — the int8 GEMM kernel generator.
#include "gemm_codegen.h"

#include <cstdio>
#include <sstream>

namespace autocomp::gemmini {
namespace {

constexpr int kDim = 16;
constexpr int kSpadHalf = 8192;   // scratchpad rows per half
constexpr int kAccHalf = 512;     // accumulator rows per half

// loop_ws tile shapes (in 16x16 blocks: I, J) of the tile variants 1..4.
struct LwTile { int i, j; };
constexpr LwTile kLwTiles[] = {{0, 0}, {2, 2}, {4, 4}, {8, 4}, {16, 2}};
constexpr int kLwVariants = 4;

std::string F(const char* fmt, long a = 0, long b = 0, long c = 0, long d = 0, long e = 0, long f = 0) {
  char buf[512];
  std::snprintf(buf, sizeof(buf), fmt, a, b, c, d, e, f);
  return buf;
}

}  // namespace

std::string GemmKnobComment(const GemmKnobs& k) {
  return F("// autocomp-tuner gemm: tile_i=%ld tile_j=%ld a_reuse=%ld wide_mvin=%ld unroll=%ld loop_ws=%ld",
           k.tile_i, k.tile_j, k.a_reuse, k.wide_mvin, k.unroll, k.loop_ws);
}

std::optional<GemmKnobs> ParseGemmKnobs(const std::string& code) {
  const std::string tag = "// autocomp-tuner gemm:";
  size_t at = code.find(tag);
  if (at == std::string::npos) return std::nullopt;
  GemmKnobs k;
  int a_reuse = 0, wide = 0;
  if (std::sscanf(code.c_str() + at, "// autocomp-tuner gemm: tile_i=%d tile_j=%d a_reuse=%d wide_mvin=%d unroll=%d loop_ws=%d",
                  &k.tile_i, &k.tile_j, &a_reuse, &wide, &k.unroll, &k.loop_ws) != 6) {
    return std::nullopt;
  }
  k.a_reuse = a_reuse != 0;
  k.wide_mvin = wide != 0;
  return k;
}

bool GemmKnobsValid(const GemmShape& s, const GemmKnobs& k) {
  if (s.I <= 0 || s.K <= 0 || s.J <= 0 || s.I % kDim || s.K % kDim || s.J % kDim) return false;
  const int Ib = s.I / kDim, Kb = s.K / kDim, Jb = s.J / kDim;
  if (k.loop_ws < 0 || k.loop_ws > kLwVariants) return false;
  if (k.loop_ws > 0) return true;  // loop tiles are clipped to the matrix
  if (k.tile_i < 1 || k.tile_j < 1 || k.unroll < 1) return false;
  if (Ib % k.tile_i || Jb % k.tile_j || Kb % k.unroll) return false;
  if (k.a_reuse && k.wide_mvin && Kb % 4) return false;
  if (k.tile_i * k.tile_j * kDim > kAccHalf) return false;
  // A: the whole row panel (a_reuse) or one k step; B: one k step.
  const int a_rows = k.a_reuse ? k.tile_i * s.K : k.tile_i * kDim * k.unroll;
  const int b_rows = k.tile_j * kDim * k.unroll;
  return a_rows <= kSpadHalf && b_rows <= kSpadHalf;
}

std::string GenerateGemm(const GemmShape& s, const GemmKnobs& k) {
  std::ostringstream o;
  const int Ib = s.I / kDim, Kb = s.K / kDim, Jb = s.J / kDim;
  o << GemmKnobComment(k) << "\n";
  o << F("void solution(int8_t A[%ld][%ld], int8_t B[%ld][%ld], int8_t C[%ld][%ld]) {\n", s.I, s.K, s.K, s.J, s.I, s.J);
  if (k.loop_ws > 0) {
    const int ti = kLwTiles[k.loop_ws].i < Ib ? kLwTiles[k.loop_ws].i : Ib;
    const int tj = kLwTiles[k.loop_ws].j < Jb ? kLwTiles[k.loop_ws].j : Jb;
    int tk = kSpadHalf / kDim / (ti + tj);
    if (tk > Kb) tk = Kb;
    o << "  // Whole tiles through the hardware loop unroller: A and B tiles stream\n"
         "  // through the two scratchpad halves, C accumulates in the accumulator.\n";
    o << "  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);\n";
    o << F("  config_st(%ld);\n", s.J);
    o << F("  config_ld(%ld, 1.0f, 16, 0);\n", s.K);
    o << F("  config_ld(%ld, 1.0f, 16, 1);\n", s.J);
    o << F("  for (int io = 0; io < %ld; io += %ld) {\n", Ib, ti);
    o << F("    const int ni = %ld - io < %ld ? %ld - io : %ld;\n", Ib, ti, Ib, ti);
    o << F("    for (int jo = 0; jo < %ld; jo += %ld) {\n", Jb, tj);
    o << F("      const int nj = %ld - jo < %ld ? %ld - jo : %ld;\n", Jb, tj, Jb, tj);
    o << F("      for (int ko = 0; ko < %ld; ko += %ld) {\n", Kb, tk);
    o << F("        const int nk = %ld - ko < %ld ? %ld - ko : %ld;\n", Kb, tk, Kb, tk);
    o << F("        const bool last = ko + nk == %ld;\n", Kb);
    o << F("        gemmini_loop_ws(ni, nj, nk, 0, 0, 0, &A[16 * io][16 * ko], &B[16 * ko][16 * jo], NULL,\n"
           "                        last ? &C[16 * io][16 * jo] : NULL, %ld, %ld, 0, %ld, false, false, false, false,\n"
           "                        ko != 0, NO_ACTIVATION, 0, 0, false);\n", s.K, s.J, s.J);
    o << "      }\n    }\n  }\n  fence();\n}\n";
    return o.str();
  }
  const int ti = k.tile_i, tj = k.tile_j, u = k.unroll;
  // Scratchpad: A blocks from row 0 (block (i, k) at (k * ti + i) * 16), B blocks in
  // the second half (block (k, j) at 8192 + (k * tj + j) * 16); C tiles in the accumulator.
  const int a_block_stride = ti * kDim;
  o << "  // A blocks fill the first scratchpad half, B blocks the second; one\n"
       "  // accumulator tile per 16x16 block of C.\n";
  o << "  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);\n";
  o << F("  config_st(%ld);\n", s.J);
  o << F("  config_ld(%ld, 1.0f, %ld, 0);\n", s.K, a_block_stride);
  o << F("  config_ld(%ld, 1.0f, 16, 1);\n", s.J);
  auto mvin_a = [&](const std::string& indent, const std::string& kexpr, const std::string& kslot, int count) {
    // count consecutive k blocks starting at kexpr, for every i block of the pass
    for (int i = 0; i < ti; ++i) {
      if (k.wide_mvin) {
        for (int c = 0; c < count; c += 4) {
          int n = count - c < 4 ? count - c : 4;
          o << indent << F("mvin(&A[16 * (io * %ld + %ld)][16 * (", ti, i) << kexpr << F(" + %ld)], ", c)
            << F("((", 0) << kslot << F(" + %ld) * %ld + %ld) * 16, %ld, 16);\n", c, ti, i, n * kDim);
        }
      } else {
        for (int c = 0; c < count; ++c) {
          o << indent << F("mvin(&A[16 * (io * %ld + %ld)][16 * (", ti, i) << kexpr << F(" + %ld)], ", c)
            << "((" << kslot << F(" + %ld) * %ld + %ld) * 16, 16, 16);\n", c, ti, i);
        }
      }
    }
  };
  o << F("  for (int io = 0; io < %ld; io++) {\n", Ib / ti);
  if (k.a_reuse) {
    o << "    // the A row panel stays in the scratchpad for every column pass\n";
    o << F("    for (int k = 0; k < %ld; k += %ld) {\n", Kb, k.wide_mvin ? 4 : 1);
    mvin_a("      ", "k", "k", k.wide_mvin ? (Kb < 4 ? Kb : 4) : 1);
    o << "    }\n";
  }
  o << F("    for (int jo = 0; jo < %ld; jo++) {\n", Jb / tj);
  o << F("      for (int k = 0; k < %ld; k += %ld) {\n", Kb, u);
  for (int uu = 0; uu < u; ++uu) {
    const std::string kk = uu ? F("(k + %ld)", uu) : std::string("k");
    const int slot_u = uu;
    if (!k.a_reuse) {
      // A blocks of this k step go to slot uu (only the current step is kept)
      for (int i = 0; i < ti; ++i) {
        o << F("        mvin(&A[16 * (io * %ld + %ld)][16 * ", ti, i) << kk << F("], (%ld * %ld + %ld) * 16, 16, 16);\n", slot_u, ti, i);
      }
    }
    // B blocks (k, jo*tj .. +tj)
    if (k.wide_mvin) {
      for (int j = 0; j < tj; j += 4) {
        int n = tj - j < 4 ? tj - j : 4;
        o << "        mvin2(&B[16 * " << kk << F("][16 * (jo * %ld + %ld)], ", tj, j)
          << F("%ld + (%ld * %ld + %ld) * 16, %ld, 16);\n", kSpadHalf, slot_u, tj, j, n * kDim);
      }
    } else {
      for (int j = 0; j < tj; ++j) {
        o << "        mvin2(&B[16 * " << kk << F("][16 * (jo * %ld + %ld)], %ld + (%ld * %ld + %ld) * 16, 16, 16);\n",
                                            tj, j, kSpadHalf, slot_u, tj, j);
      }
    }
    for (int i = 0; i < ti; ++i) {
      for (int j = 0; j < tj; ++j) {
        const std::string acc = F("(1u << 31) + %ld", (i * tj + j) * kDim);
        const std::string accumulate = uu ? std::string("(1u << 30)") : std::string("(k ? (1u << 30) : 0)");
        o << F("        preload(%ld + (%ld * %ld + %ld) * 16, ", kSpadHalf, slot_u, tj, j) << "(" << acc << ") | "
          << accumulate << ", 16, 16, 16, 16);\n";
        std::string a_addr = k.a_reuse ? "(" + kk + F(" * %ld + %ld) * 16", ti, i) : F("(%ld * %ld + %ld) * 16", slot_u, ti, i);
        o << "        compute_preloaded(" << a_addr << ", GARBAGE_ADDR, 16, 16, 16, 16);\n";
      }
    }
  }
  o << "      }\n";
  for (int i = 0; i < ti; ++i) {
    for (int j = 0; j < tj; ++j) {
      o << F("      mvout(&C[16 * (io * %ld + %ld)][16 * (jo * %ld + %ld)], ", ti, i, tj, j)
        << F("(1u << 31) + %ld, 16, 16);\n", (i * tj + j) * kDim);
    }
  }
  o << "    }\n  }\n  fence();\n}\n";
  return o.str();
}

}  // namespace autocomp::gemmini
