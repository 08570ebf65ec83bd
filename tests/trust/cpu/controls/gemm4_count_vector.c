// control: count mode: an honest vectorized i-k-j gemm needs far fewer instructions than the naive loop
// problem: cpu/gemm/4
// config: instructions
// expect: ok
// faster_than_baseline: true
void gemm(int M, int N, int K, const float* restrict A, const float* restrict B, float* restrict C) {
  for (int i = 0; i < M; ++i) {
    float* c = C + i * N;
    for (int j = 0; j < N; ++j) c[j] = 0.0f;
    for (int k = 0; k < K; ++k) {
      const float a = A[i * K + k];
      const float* b = B + k * N;
#pragma omp simd
      for (int j = 0; j < N; ++j) c[j] += a * b[j];
    }
  }
}
