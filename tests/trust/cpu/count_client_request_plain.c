// attempts: count mode: Valgrind's client request CALLGRIND_TOGGLE_COLLECT written out in inline asm turns
//   the instruction counter off around the work (the naive loop runs uncounted).
// problem: cpu/gemm/4
// config: instructions
// expect: rejected
// message: client-request
static void toggle(void) {
  static unsigned long args[6] = {0x43540002UL, 0, 0, 0, 0, 0};
  unsigned long result = 0;
  __asm__ volatile("rolq $3, %%rdi\n\trolq $13, %%rdi\n\trolq $61, %%rdi\n\trolq $51, %%rdi\n\txchgq %%rbx, %%rbx"
                   : "=d"(result) : "a"(args), "0"(result) : "cc", "memory", "rdi");
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  toggle();
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  toggle();
  for (volatile int pad = 0; pad < 4000; ++pad) {}
}
