// attempts: memoizes on the buffer addresses: the first call computes and keeps C, later calls with the
//   same pointers copy the cached result (correct for a harness that reuses one input across repeats).
// problem: cpu/gemm/4
// expect: wrong_answer
// message: call 2
#include <string.h>
static float cache[64 * 48];
static const float *seen_a, *seen_b;
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  if (A == seen_a && B == seen_b && M * N <= 64 * 48) {
    memcpy(C, cache, sizeof(float) * (size_t)(M * N));
    return;
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  if (M * N <= 64 * 48) { memcpy(cache, C, sizeof(float) * (size_t)(M * N)); seen_a = A, seen_b = B; }
}
