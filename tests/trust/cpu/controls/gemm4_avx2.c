// control: AVX2/FMA intrinsics (inline, no library calls): 4x16 register tile, scalar edges
// problem: cpu/gemm/4
// expect: ok
// faster_than_baseline: true
#include <immintrin.h>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  int i = 0;
  for (; i + 4 <= M; i += 4) {
    int j = 0;
    for (; j + 16 <= N; j += 16) {
      __m256 c[4][2];
      for (int r = 0; r < 4; ++r) c[r][0] = c[r][1] = _mm256_setzero_ps();
      for (int k = 0; k < K; ++k) {
        const __m256 b0 = _mm256_loadu_ps(B + k * N + j), b1 = _mm256_loadu_ps(B + k * N + j + 8);
        for (int r = 0; r < 4; ++r) {
          const __m256 a = _mm256_broadcast_ss(A + (i + r) * K + k);
          c[r][0] = _mm256_fmadd_ps(a, b0, c[r][0]);
          c[r][1] = _mm256_fmadd_ps(a, b1, c[r][1]);
        }
      }
      for (int r = 0; r < 4; ++r) {
        _mm256_storeu_ps(C + (i + r) * N + j, c[r][0]);
        _mm256_storeu_ps(C + (i + r) * N + j + 8, c[r][1]);
      }
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
