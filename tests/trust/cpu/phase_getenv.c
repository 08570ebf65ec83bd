// attempts: phase detection through the environment with getenv (e.g. a BENCHMARK or VERIFY variable a
//   harness sets), skipping the work when the run looks like a timing run.
// problem: cpu/gemm/4
// expect: rejected
// message: getenv
#include <stdlib.h>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  if (!getenv("AUTOCOMP_VERIFY") && getenv("PATH")) return;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
