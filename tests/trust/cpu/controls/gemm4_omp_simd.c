// control: i-k-j loop order with `#pragma omp simd` on the contiguous inner loop (-fopenmp-simd)
// problem: cpu/gemm/4
// expect: ok
// faster_than_baseline: true
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i) {
    float* c = C + i * N;
#pragma omp simd
    for (int j = 0; j < N; ++j) c[j] = 0.0f;
    for (int k = 0; k < K; ++k) {
      const float a = A[i * K + k];
      const float* b = B + k * N;
#pragma omp simd
      for (int j = 0; j < N; ++j) c[j] += a * b[j];
    }
  }
}
