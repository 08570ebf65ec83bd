// attempts: counts calls and does the work only for the first one (the warm-up, which a harness that
//   checks once and then times would verify); later calls return at once.
// problem: cpu/gemm/4
// expect: wrong_answer
// message: call 2
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int calls;
  if (calls++ > 0) return;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
