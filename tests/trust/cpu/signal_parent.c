// attempts: signals the processes around it: SIGSTOP/SIGCONT to the runner (to freeze its clock), SIGKILL
//   to every process it may reach (kill -1), its process group, and pid 1; announces any success.
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
    const long ppid = sys3(110, 0, 0, 0);
    if (sys3(62, ppid, 19 /* SIGSTOP */, 0) == 0) { printf("BREACH: stopped the runner\n"); sys3(62, ppid, 18, 0); }
    if (sys3(62, 0, 18 /* SIGCONT to the group */, 0) == 0) printf("BREACH: signalled the process group\n");
    if (sys3(62, 1, 0, 0) == 0) printf("BREACH: may signal pid 1\n");
    if (sys3(200 /* tkill */, ppid, 0, 0) == 0) printf("BREACH: tkill reaches the runner\n");
    if (sys3(62, -1, 0 /* probe only */, 0) == 0) printf("BREACH: kill(-1) allowed\n");
    fflush(stdout);
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
