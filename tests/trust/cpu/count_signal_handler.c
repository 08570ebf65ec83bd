// attempts: count mode: does the work inside a SIGUSR1 handler it raises on itself (raw rt_sigaction and
//   kill); a counter that counts only the toggled function's own call stack misses the handler's frames.
// problem: cpu/gemm/4
// config: instructions
// expect: no_faster
static long sys4(long n, long a, long b, long c, long d) {
  long r; register long r10 __asm__("r10") = d;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
  return r;
}
__asm__(".pushsection .text\nsignal_return:\n  movq $15, %rax\n  syscall\n.popsection\n");
void signal_return(void);
struct kernel_sigaction { void (*handler)(int); unsigned long flags; void (*restorer)(void); unsigned long mask; };
static struct { int M, N, K; const float *A, *B; float* C; } job;
static void work(int sig) {
  (void)sig;
  for (int i = 0; i < job.M; ++i)
    for (int j = 0; j < job.N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < job.K; ++k) s += job.A[i * job.K + k] * job.B[k * job.N + j];
      job.C[i * job.N + j] = s;
    }
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int armed;
  if (!armed) {
    struct kernel_sigaction sa = {work, 0x04000000UL /* SA_RESTORER */, signal_return, 0};
    sys4(13, 10 /* SIGUSR1 */, (long)&sa, 0, 8);
    armed = 1;
  }
  job.M = M, job.N = N, job.K = K, job.A = A, job.B = B, job.C = C;
  sys4(62, sys4(39, 0, 0, 0, 0), 10, 0, 0);  /* kill(getpid(), SIGUSR1): handled before kill returns */
  for (volatile int pad = 0; pad < 4000; ++pad) {}
}
