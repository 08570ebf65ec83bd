// control: cache-blocked gemm with an i-k-j inner order (contiguous, vectorizable rows of B and C)
// problem: cpu/gemm/4
// expect: ok
// faster_than_baseline: true
void gemm(int M, int N, int K, const float* restrict A, const float* restrict B, float* restrict C) {
  enum { BI = 32, BK = 64 };
  for (int i = 0; i < M * N; ++i) C[i] = 0.0f;
  for (int i0 = 0; i0 < M; i0 += BI)
    for (int k0 = 0; k0 < K; k0 += BK)
      for (int i = i0; i < i0 + BI && i < M; ++i)
        for (int k = k0; k < k0 + BK && k < K; ++k) {
          const float a = A[i * K + k];
          for (int j = 0; j < N; ++j) C[i * N + j] += a * B[k * N + j];
        }
}
