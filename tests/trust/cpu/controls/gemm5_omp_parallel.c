// control: threads where the problem allows them: OpenMP parallel rows, vectorized i-k-j inner loops
// problem: cpu/gemm/5
// expect: ok
// faster_than_baseline: true
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
#pragma omp parallel for schedule(static)
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
