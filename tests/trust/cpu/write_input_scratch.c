// attempts: uses A as scratch (transposes B into A's space... then does not restore it), saving an
//   allocation; a checker that only compares outputs accepts it.
// problem: cpu/gemm/4
// expect: wrong_answer
// message: modified its input
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  ((float*)A)[0] = 42.0f;  /* and leaves a trace */
}
