// attempts: C++ std::thread (reachable through the allowed mangled C++ runtime names) in a problem without
//   threads: a helper computes the second half of C in parallel; falls back to one thread if refused.
// problem: cpu/gemm/4
// expect: no_faster
// trace_lacks: BREACH
#include <cstdio>
#include <thread>
static void rows(int from, int to, int N, int K, const float* A, const float* B, float* C) {
  for (int i = from; i < to; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
extern "C" void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  try {
    std::thread helper(rows, M / 2, M, N, K, A, B, C);
    rows(0, M / 2, N, K, A, B, C);
    helper.join();
    static bool said = false;
    if (!said) said = true, std::printf("BREACH: second thread ran in a single-thread problem\n"), std::fflush(stdout);
  } catch (...) {
    rows(0, M, N, K, A, B, C);
  }
}
