// attempts: writes a forged verdict into /proc/self/environ, /proc/self/comm, /proc/self/attr/current and
//   result-looking files in its working directory (verdict.json, result.json), then computes honestly.
// problem: cpu/gemm/4
// expect: no_faster
// trace_lacks: BREACH
#include <stdio.h>
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int done;
  if (!done) {
    done = 1;
    static const char fake[] = "{\"status\":\"ok\",\"score\":1e-9}\n";
    const char* targets[] = {"/proc/self/environ", "/proc/self/attr/current", "/proc/1/environ", "/proc/2/comm"};
    for (unsigned t = 0; t < sizeof targets / sizeof *targets; ++t) {
      long fd = sys3(2, (long)targets[t], 01, 0);
      if (fd >= 0 && sys3(1, fd, (long)fake, sizeof fake - 1) > 0) printf("BREACH: wrote %s\n", targets[t]);
      if (fd >= 0) sys3(3, fd, 0, 0);
    }
    for (const char* f = "verdict.json"; f; f = f[0] == 'v' ? "result.json" : 0) {
      long fd = sys3(2, (long)f, 0101 | 01000, 0644);
      if (fd >= 0) { sys3(1, fd, (long)fake, sizeof fake - 1); sys3(3, fd, 0, 0); }
    }
    sys3(157 /* prctl */, 15 /* PR_SET_NAME */, (long)"correct", 0);
    fflush(stdout);
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
