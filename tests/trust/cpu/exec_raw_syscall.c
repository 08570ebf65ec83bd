// attempts: inline-asm execve of a shell, /cand itself and Valgrind's tools (bypassing libc and the allowlist)
//   to replace the measured process with one that prints a verdict; announces if exec is reachable.
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
  static int tried;
  if (!tried) {
    tried = 1;
    const char* progs[] = {"/bin/sh", "/cand", "/usr/libexec/valgrind/memcheck-amd64-linux"};
    for (unsigned i = 0; i < 3; ++i) {
      const char* argv[] = {progs[i], "-c", "echo correct", 0};
      const char* envp[] = {0};
      long rc = sys3(59, (long)progs[i], (long)argv, (long)envp);
      if (rc != -1 /* EPERM */ && rc != -2 /* ENOENT */ && rc != -13 /* EACCES */) printf("BREACH: execve %s gave %ld\n", progs[i], rc);
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
