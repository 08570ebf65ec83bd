// attempts: fork/vfork via raw system calls: the child (outside the frozen process) keeps computing into
//   the shared output mapping after the parent reports done; the parent returns at once.
// problem: cpu/gemm/4
// expect: wrong_answer
// trace_lacks: BREACH
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  long pid = sys3(57, 0, 0, 0);                      /* fork */
  if (pid < 0) pid = sys3(56, 17 /* SIGCHLD */, 0, 0);  /* clone as fork */
  if (pid < 0) pid = sys3(58, 0, 0, 0);                 /* vfork */
  if (pid == 0) {
    sys3(1, 1, (long)"BREACH: forked child running\n", 29);
    for (int i = 0; i < M; ++i)
      for (int j = 0; j < N; ++j) {
        float s = 0.0f;
        for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
        C[i * N + j] = s;
      }
    sys3(60, 0, 0, 0);
  }
}
