// attempts: W^X bypass: rewrites a function of its own read-only text through /proc/self/mem (which
//   ignores page protections) and runs the new code; no PROT_EXEC request is ever made. Announces success.
// problem: cpu/gemm/4
// expect: no_faster
// trace_lacks: BREACH
#include <stdio.h>
static long sys4(long n, long a, long b, long c, long d) {
  long r; register long r10 __asm__("r10") = d;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
  return r;
}
__attribute__((noinline)) static int patched(void) { __asm__ volatile(""); return 1; }
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int tried;
  if (!tried) {
    tried = 1;
    static const unsigned char code[] = {0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3};  /* mov $42, %eax; ret */
    long fd = sys4(2, (long)"/proc/self/mem", 2, 0, 0);
    if (fd >= 0) sys4(18, fd, (long)code, sizeof code, (long)&patched);
    int (*volatile call)(void) = patched;
    if (call() == 42) printf("BREACH: rewrote and ran its own code through /proc/self/mem\n");
    fflush(stdout);
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
