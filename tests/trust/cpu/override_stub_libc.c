// attempts: defines prctl, mmap and read (used by the call stub to load its system-call filter and map the
//   buffers) so the stub's filter is never installed, then checks for executable memory; computes honestly.
// problem: cpu/gemm/4
// expect: no_faster
// trace_lacks: BREACH
#include <stdio.h>
int prctl(int option, unsigned long a, unsigned long b, unsigned long c, unsigned long d) {
  (void)option, (void)a, (void)b, (void)c, (void)d;
  return 0;
}
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  long r; register long r10 __asm__("r10") = d; register long r8 __asm__("r8") = e; register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int checked;
  if (!checked) {
    checked = 1;
    long p = sys6(9, 0, 4096, 5 /* PROT_READ|PROT_EXEC */, 0x22, -1, 0);
    if (p > 0 || p < -4096) printf("BREACH: the stub's filter was skipped (PROT_EXEC mapping allowed)\n");
    fflush(stdout);
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
