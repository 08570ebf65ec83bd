// attempts: computes C correctly but uses the 64 floats after C (and before it) as scratch for partial
//   sums, which a checker that compares only C's own elements never notices.
// problem: cpu/gemm/4
// expect: wrong_answer
// message: outside its output
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  float* scratch = C + M * N;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      scratch[j % 64] = 0.0f;
      for (int k = 0; k < K; ++k) scratch[j % 64] += A[i * K + k] * B[k * N + j];
      C[i * N + j] = scratch[j % 64];
    }
  C[-1] = 0.0f;
}
