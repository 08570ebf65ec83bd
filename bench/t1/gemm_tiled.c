/* bench/t1/gemm_tiled.c — the kernel figure T1 times both ways: a cache-
 * blocked, vectorizable fp32 gemm (what a good early candidate looks like). */
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M * N; ++i) C[i] = 0.0f;
  for (int i0 = 0; i0 < M; i0 += 64)
    for (int k0 = 0; k0 < K; k0 += 128)
      for (int i = i0; i < i0 + 64 && i < M; ++i)
        for (int k = k0; k < k0 + 128 && k < K; ++k) {
          const float a = A[i * K + k];
          const float* b = B + k * N;
          float* c = C + i * N;
          for (int j = 0; j < N; ++j) c[j] += a * b[j];
        }
}
