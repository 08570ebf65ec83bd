// attempts: shrinks the shared buffer file (fd 3, a memfd) to zero after computing, so the harness's own
//   mapping faults when it reads the result: the harness crashes and the failure is blamed on the machine.
// problem: cpu/gemm/4
// expect: no_faster
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  static int calls;
  if (++calls == 2) sys3(77 /* ftruncate */, 3, 0, 0);
}
