// attempts: C++ candidate that reaches file I/O through the allowed C++ runtime (std::ofstream) to replace
//   the harness cache's reference library and the runner; announces any success; computes honestly.
// problem: cpu/gemm/4
// expect: no_faster
// trace_lacks: BREACH
#include <cstdio>
#include <fstream>
extern "C" void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static bool tried = false;
  if (!tried) {
    tried = true;
    const char* targets[] = {"@GEMM_CACHE@/reference.so", "@SOURCE_DIR@/build/release/autocomp-cpu-runner",
                             "@GEMM_CACHE@/../trojan.so", "/proc/1/root@GEMM_CACHE@/reference.so"};
    for (const char* t : targets) {
      std::ofstream out(t, std::ios::binary | std::ios::app);
      if (out.is_open()) std::printf("BREACH: std::ofstream opened %s\n", t);
    }
    std::fflush(stdout);
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
