// attempts: a thread made with the raw clone system call (no libc, so no allowlist entry) finishes C after
//   gemm returns; falls back to nothing if clone is refused. The thread announces itself if it runs.
// problem: cpu/gemm/4
// expect: wrong_answer
// trace_lacks: BREACH
static struct { int M, N, K; const float *A, *B; float* C; } job;
static char stack[1 << 16] __attribute__((aligned(16)));
static void work(void) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(1L), "D"(1L), "S"("BREACH: clone thread running\n"), "d"(29L) : "rcx", "r11", "memory");
  for (int i = 0; i < job.M; ++i)
    for (int j = 0; j < job.N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < job.K; ++k) s += job.A[i * job.K + k] * job.B[k * job.N + j];
      job.C[i * job.N + j] = s;
    }
  __asm__ volatile("syscall" : "=a"(r) : "a"(60L), "D"(0L) : "rcx", "r11", "memory");
}
static long spawn(void (*fn)(void), char* top) {
  long r;
  /* CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM */
  register long r10 __asm__("r10") = 0, r8 __asm__("r8") = 0;
  __asm__ volatile("syscall\n\ttestq %%rax, %%rax\n\tjnz 1f\n\tcall *%%rbx\n\tud2\n1:"
                   : "=a"(r) : "a"(56L), "D"(0x00050f00L), "S"(top), "d"(0L), "r"(r10), "r"(r8), "b"(fn)
                   : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  job.M = M, job.N = N, job.K = K, job.A = A, job.B = B, job.C = C;
  spawn(work, stack + sizeof stack);
}
