// control: register-tiled gemm with GCC vector extensions (4 rows x 8 columns per tile, scalar edges)
// problem: cpu/gemm/4
// expect: ok
// faster_than_baseline: true
#include <string.h>
typedef float v8 __attribute__((vector_size(32)));
static v8 load8(const float* p) { v8 v; memcpy(&v, p, sizeof v); return v; }
static void store8(float* p, v8 v) { memcpy(p, &v, sizeof v); }
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  int i = 0;
  for (; i + 4 <= M; i += 4) {
    int j = 0;
    for (; j + 8 <= N; j += 8) {
      v8 c0 = {0}, c1 = {0}, c2 = {0}, c3 = {0};
      for (int k = 0; k < K; ++k) {
        const v8 b = load8(B + k * N + j);
        c0 += A[(i + 0) * K + k] * b;
        c1 += A[(i + 1) * K + k] * b;
        c2 += A[(i + 2) * K + k] * b;
        c3 += A[(i + 3) * K + k] * b;
      }
      store8(C + (i + 0) * N + j, c0), store8(C + (i + 1) * N + j, c1);
      store8(C + (i + 2) * N + j, c2), store8(C + (i + 3) * N + j, c3);
    }
    for (; j < N; ++j)
      for (int r = 0; r < 4; ++r) {
        float s = 0.0f;
        for (int k = 0; k < K; ++k) s += A[(i + r) * K + k] * B[k * N + j];
        C[(i + r) * N + j] = s;
      }
  }
  for (; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
