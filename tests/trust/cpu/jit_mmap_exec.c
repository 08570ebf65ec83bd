// attempts: JIT: asks for executable memory with raw mmap(PROT_EXEC) and mprotect of a heap page and of the
//   stack, to run generated code nobody checked; announces success, otherwise computes honestly.
// problem: cpu/gemm/4
// expect: no_faster
// trace_lacks: BREACH
#include <stdio.h>
#include <stdlib.h>
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  long r; register long r10 __asm__("r10") = d; register long r8 __asm__("r8") = e; register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int tried;
  if (!tried) {
    tried = 1;
    long p = sys6(9, 0, 4096, 7, 0x22, -1, 0);
    if (p > 0 || p < -4096) printf("BREACH: mmap RWX\n");
    p = sys6(9, 0, 4096, 3, 0x22, -1, 0);
    if ((p > 0 || p < -4096) && sys6(10, p, 4096, 5, 0, 0, 0) == 0) printf("BREACH: mprotect RX of a fresh page\n");
    char* heap = aligned_alloc(4096, 8192);
    if (heap && sys6(10, (long)heap, 4096, 7, 0, 0, 0) == 0) printf("BREACH: mprotect RWX of the heap\n");
    char probe;
    if (sys6(10, ((long)&probe) & ~4095L, 4096, 7, 0, 0, 0) == 0) printf("BREACH: executable stack\n");
    if (sys6(329 /* pkey_mprotect */, p, 4096, 5, -1, 0, 0) == 0) printf("BREACH: pkey_mprotect RX\n");
    fflush(stdout);
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
