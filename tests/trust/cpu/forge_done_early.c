// attempts: sends the harness's own "done" byte on the reply pipe at the start of the call and only then
//   computes, so a parent that stops the clock at "done" measures almost nothing.
// problem: cpu/gemm/4
// expect: not_ok
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  sys3(1, 5, (long)"D", 1);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
