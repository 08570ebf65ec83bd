// backends/cpu/gemm_codegen.cc
//
// Knobs and code generator for the gemm problems. Knobs:
//   order   "ijk" (dot products) | "ikj" (row updates; the inner loop vectorizes)
//   block   null | [mc, nc, kc]  cache tiles of C rows, C columns and the k range
//   micro   null | [mr, nr]      register tile computed with 8-float vectors (nr % 8 == 0)
//   pack    bool                 copy each kc×nc panel of B into nr-wide contiguous strips
//   unroll  1 | 2 | 4            unroll of the micro-kernel's k loop
#include <algorithm>
#include <string>

#include "codegen_text.h"
#include "cpu_tuner.h"

namespace autocomp::cpu {

using nlohmann::json;

namespace {

std::string S(long v) { return std::to_string(v); }

std::string Naive(const json& k) {
  if (k.value("order", "ijk") == "ijk") {
    return R"(void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      float sum = 0.0f;
      for (int k = 0; k < K; ++k) sum += A[i * K + k] * B[k * N + j];
      C[i * N + j] = sum;
    }
  }
}
)";
  }
  return R"(// i-k-j order: the inner loop streams a row of B into a row of C.
void gemm(int M, int N, int K, const float* restrict A, const float* restrict B, float* restrict C) {
  for (int i = 0; i < M; ++i) {
    float* c = C + (long)i * N;
    for (int j = 0; j < N; ++j) c[j] = 0.0f;
    for (int k = 0; k < K; ++k) {
      const float a = A[(long)i * K + k];
      const float* b = B + (long)k * N;
      for (int j = 0; j < N; ++j) c[j] += a * b[j];
    }
  }
}
)";
}

std::string Blocked(const json& k) {
  const auto b = k.at("block");
  return Fill(R"(// Cache-blocked, i-k-j order inside each MC×NC×KC block.
#define MC @MC@
#define NC @NC@
#define KC @KC@
static inline int min_int(int a, int b) { return a < b ? a : b; }

void gemm(int M, int N, int K, const float* restrict A, const float* restrict B, float* restrict C) {
  for (long i = 0; i < (long)M * N; ++i) C[i] = 0.0f;
  for (int jc = 0; jc < N; jc += NC) {
    const int jend = min_int(jc + NC, N);
    for (int pc = 0; pc < K; pc += KC) {
      const int kend = min_int(pc + KC, K);
      for (int ic = 0; ic < M; ic += MC) {
        const int iend = min_int(ic + MC, M);
        for (int i = ic; i < iend; ++i) {
          float* c = C + (long)i * N;
          for (int k = pc; k < kend; ++k) {
            const float a = A[(long)i * K + k];
            const float* b = B + (long)k * N;
            for (int j = jc; j < jend; ++j) c[j] += a * b[j];
          }
        }
      }
    }
  }
}
)",
              {{"MC", S(b[0])}, {"NC", S(b[1])}, {"KC", S(b[2])}});
}

std::string Micro(const json& k) {
  const auto micro = k.at("micro");
  const long mr = micro[0], nr = micro[1];
  const bool blocked = !k.at("block").is_null();
  const bool pack = k.value("pack", false) && blocked;
  std::string mc = blocked ? S(k["block"][0]) : "M", nc = blocked ? S(k["block"][1]) : "N",
              kc = blocked ? S(k["block"][2]) : "K";
  std::string text = R"(// Register-tiled: each MR×NR block of C is accumulated in 8-float vectors.
#include <stdlib.h>
#define MR @MR@
#define NR @NR@
#define NV (NR / 8)
typedef float v8f __attribute__((vector_size(32)));
typedef float v8f_unaligned __attribute__((vector_size(32), aligned(4)));
static inline int min_int(int a, int b) { return a < b ? a : b; }

// C[0:MR][0:NR] += A[0:MR][0:kc] · B[0:kc][0:NR]
static inline void micro_kernel(int kc, const float* restrict a, long lda, const float* restrict b,
                                long ldb, float* restrict c, long ldc) {
  v8f acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = (v8f){0, 0, 0, 0, 0, 0, 0, 0};
#pragma GCC unroll @UNROLL@
  for (int k = 0; k < kc; ++k) {
    v8f bv[NV];
    for (int v = 0; v < NV; ++v) bv[v] = *(const v8f_unaligned*)(b + k * ldb + 8 * v);
    for (int r = 0; r < MR; ++r) {
      const v8f av = (v8f){0, 0, 0, 0, 0, 0, 0, 0} + a[r * lda + k];
      for (int v = 0; v < NV; ++v) acc[r][v] += av * bv[v];
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) *(v8f_unaligned*)(c + r * ldc + 8 * v) += acc[r][v];
}

// The same for a partial tile at the edges of C.
static void edge_kernel(int mr, int nr, int kc, const float* a, long lda, const float* b, long ldb,
                        float* c, long ldc) {
  for (int r = 0; r < mr; ++r)
    for (int j = 0; j < nr; ++j) {
      float sum = 0.0f;
      for (int k = 0; k < kc; ++k) sum += a[r * lda + k] * b[k * ldb + j];
      c[r * ldc + j] += sum;
    }
}

void gemm(int M, int N, int K, const float* restrict A, const float* restrict B, float* restrict C) {
  const int MCB = @MCB@, NCB = @NCB@, KCB = @KCB@;
  for (long i = 0; i < (long)M * N; ++i) C[i] = 0.0f;
@PACK_ALLOC@
  for (int jc = 0; jc < N; jc += NCB) {
    const int nc = min_int(NCB, N - jc);
    for (int pc = 0; pc < K; pc += KCB) {
      const int kc = min_int(KCB, K - pc);
@PACK_COPY@
      for (int ic = 0; ic < M; ic += MCB) {
        const int mc = min_int(MCB, M - ic);
        for (int i = ic; i < ic + mc; i += MR) {
          const int mr = min_int(MR, ic + mc - i);
          for (int j = jc; j < jc + nc; j += NR) {
            const int nr = min_int(NR, jc + nc - j);
            const float* a = A + (long)i * K + pc;
            float* c = C + (long)i * N + j;
            if (mr == MR && nr == NR) {
@MICRO_CALL@
            } else {
              edge_kernel(mr, nr, kc, a, K, B + (long)pc * N + j, N, c, N);
            }
          }
        }
      }
    }
  }
@PACK_FREE@
}
)";
  std::string pack_alloc, pack_copy, pack_free;
  std::string call = "              micro_kernel(kc, a, K, B + (long)pc * N + j, N, c, N);";
  if (pack) {
    pack_alloc = "  float* panel = (float*)aligned_alloc(64, sizeof(float) * (size_t)(((KCB * NCB + 15) / 16) * 16));";
    pack_copy = R"(      // Pack the full NR-wide strips of this kc×nc panel of B contiguously.
      for (int s = 0; s + NR <= nc; s += NR)
        for (int k = 0; k < kc; ++k)
          for (int j = 0; j < NR; ++j)
            panel[(long)s * kc + (long)k * NR + j] = B[(long)(pc + k) * N + jc + s + j];)";
    call = "              micro_kernel(kc, a, K, panel + (long)(j - jc) * kc, NR, c, N);";
    pack_free = "  free(panel);";
  }
  return Fill(text, {{"MR", S(mr)},
                     {"NR", S(nr)},
                     {"UNROLL", S(k.value("unroll", 1))},
                     {"MCB", mc},
                     {"NCB", nc},
                     {"KCB", kc},
                     {"PACK_ALLOC", pack_alloc},
                     {"PACK_COPY", pack_copy},
                     {"MICRO_CALL", call},
                     {"PACK_FREE", pack_free}});
}

std::string Generate(const json& k) {
  if (!k.at("micro").is_null()) return Micro(k);
  if (!k.at("block").is_null()) return Blocked(k);
  return Naive(k);
}

long Dim(const Problem& p, const char* name) { return p.spec.value(name, 1L); }

json With(json k, const char* key, json value) {
  k[key] = std::move(value);
  return k;
}

std::vector<json> BlockChoices(const json& k, const Problem& p) {
  std::vector<json> out;
  for (auto [mc, nc, kc] : {std::tuple{64, 256, 128}, {128, 512, 256}, {48, 128, 256}, {96, 384, 192}}) {
    out.push_back(With(With(k, "block", json::array({mc, nc, kc})), "order", "ikj"));
  }
  return out;
}

std::vector<json> RetuneBlocks(const json& k, const Problem& p) {
  std::vector<json> out;
  const json b = k.at("block");
  const long limits[3] = {Dim(p, "M"), Dim(p, "N"), Dim(p, "K")};
  for (int axis : {2, 1, 0}) {
    for (double f : {2.0, 0.5}) {
      json nb = b;
      long v = static_cast<long>(b[axis].get<long>() * f);
      if (v < 16 || v > 2 * limits[axis]) continue;
      nb[axis] = v;
      out.push_back(With(k, "block", nb));
    }
  }
  return out;
}

const std::vector<std::pair<int, int>> kMicroShapes = {{4, 16}, {6, 16}, {4, 24}, {8, 8}, {2, 32}};

std::vector<json> MicroChoices(const json& k, const Problem&) {
  std::vector<json> out;
  for (auto [mr, nr] : kMicroShapes) {
    if (!k.at("micro").is_null() && k["micro"][0] == mr && k["micro"][1] == nr) continue;
    out.push_back(With(With(k, "micro", json::array({mr, nr})), "order", "ikj"));
  }
  return out;
}

std::string ShapeText(const Problem& p) {
  return "For this " + S(Dim(p, "M")) + "x" + S(Dim(p, "N")) + "x" + S(Dim(p, "K")) + " problem, ";
}

KindTuning MakeGemmTuning() {
  KindTuning t;
  t.kind = "gemm";
  t.baseline_knobs = {{"order", "ijk"}, {"block", nullptr}, {"micro", nullptr}, {"pack", false}, {"unroll", 1}};
  t.generate = Generate;
  t.menu = {
      {"loop_order",
       "reorder loops so the innermost loop walks contiguous memory",
       [](const json& k) { return k["order"] == "ijk" && k["micro"].is_null() && k["block"].is_null(); },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "order", "ikj")}; },
       [](const json& k, const Problem& p) {
         return ShapeText(p) + "switch from i-j-k dot products to i-k-j row updates, so the inner loop "
                               "streams a row of B into a row of C with unit stride and vectorizes.";
       }},
      {"cache_blocking",
       "tile the loops so the working set of each block fits in cache",
       [](const json& k) { return k["block"].is_null(); },
       BlockChoices,
       [](const json& k, const Problem& p) {
         return ShapeText(p) + "split i, j and k into MC x NC x KC blocks so a KC x NC panel of B is "
                               "reused from L2 across MC rows of A.";
       }},
      {"register_tiling",
       "compute a small tile of the output in registers and reuse every loaded value several times",
       [](const json& k) { return k["micro"].is_null(); },
       MicroChoices,
       [](const json& k, const Problem& p) {
         return ShapeText(p) + "accumulate an MR x NR block of C in vector registers: each B vector "
                               "is reused MR times and each A element NR times per k step.";
       }},
      {"retune_tiles",
       "retune tile sizes to the cache sizes and the problem shape",
       [](const json& k) { return !k["block"].is_null(); },
       RetuneBlocks,
       [](const json& k, const Problem& p) {
         return ShapeText(p) + "the current blocks are " + k["block"].dump() +
                "; try a neighbouring size along one axis.";
       }},
      {"pack_operands",
       "copy operands into contiguous buffers laid out in the order the inner kernel reads them",
       [](const json& k) { return !k["micro"].is_null() && !k["block"].is_null() && !k["pack"].get<bool>(); },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "pack", true)}; },
       [](const json& k, const Problem& p) {
         return ShapeText(p) + "pack each KC x NC panel of B into NR-wide strips so the register "
                               "kernel reads B sequentially instead of with stride N.";
       }},
      {"unroll_inner",
       "unroll the innermost loop to cut loop overhead and expose independent work",
       [](const json& k) { return !k["micro"].is_null(); },
       [](const json& k, const Problem&) {
         std::vector<json> out;
         for (int u : {4, 2, 8}) {
           if (k["unroll"] != u) out.push_back(With(k, "unroll", u));
         }
         return out;
       },
       [](const json& k, const Problem& p) {
         return ShapeText(p) + "unroll the k loop of the register kernel (now " + k["unroll"].dump() + "x).";
       }},
      {"retune_register_tile",
       "change the shape of the register tile to balance loads against arithmetic",
       [](const json& k) { return !k["micro"].is_null(); },
       MicroChoices,
       [](const json& k, const Problem& p) {
         return ShapeText(p) + "the register tile is " + k["micro"].dump() + "; try another MR x NR shape.";
       }},
  };
  return t;
}

}  // namespace

const KindTuning& GemmTuning() {
  static const KindTuning tuning = MakeGemmTuning();
  return tuning;
}

}  // namespace autocomp::cpu
