// attempts: overwrites trusted files: the runner and autocomp binaries, the harness cache (reference.so,
//   call_stub.o, manifest), the problem set's reference, through plain paths and /proc/<pid>/root; also tries
//   chmod/rename/unlink on them. Announces any success; computes honestly.
// problem: cpu/gemm/4
// expect: no_faster
// trace_lacks: BREACH
#include <stdio.h>
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
static const char* const targets[] = {
    "@SOURCE_DIR@/build/release/autocomp-cpu-runner", "@SOURCE_DIR@/build/release/autocomp",
    "@SOURCE_DIR@/sols/cpu/gemm/reference.c",       "@SOURCE_DIR@/backends/cpu/harness/call_stub.c",
    "@GEMM_CACHE@/reference.so",                    "@GEMM_CACHE@/call_stub.o",
    "@GEMM_CACHE@/manifest",                        "@GEMM_CACHE@/trojan",
};
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int tried;
  if (!tried) {
    tried = 1;
    char path[1024];
    const char* prefixes[] = {"", "/proc/1/root", "/proc/2/root", "/proc/self/root/.."};
    for (unsigned p = 0; p < 4; ++p)
      for (unsigned t = 0; t < sizeof targets / sizeof *targets; ++t) {
        snprintf(path, sizeof path, "%s%s", prefixes[p], targets[t]);
        long fd = sys3(2, (long)path, 01 | 0100 /* O_WRONLY|O_CREAT */, 0755);
        if (fd >= 0) {
          printf("BREACH: opened %s for writing\n", path);
          sys3(3, fd, 0, 0);
        }
        if (sys3(90 /* chmod */, (long)path, 0777, 0) == 0) printf("BREACH: chmod %s\n", path);
      }
    fflush(stdout);
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
