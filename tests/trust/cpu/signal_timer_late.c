// attempts: returns at once and finishes C from a SIGALRM handler armed with setitimer 1 ms later (after
//   the clock stopped); also tries to catch SIGSTOP/SIGCONT so the process keeps running while "frozen".
// problem: cpu/gemm/4
// expect: wrong_answer
static long sys4(long n, long a, long b, long c, long d) {
  long r; register long r10 __asm__("r10") = d;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
  return r;
}
__asm__(".pushsection .text\nalarm_return:\n  movq $15, %rax\n  syscall\n.popsection\n");
void alarm_return(void);
struct kernel_sigaction { void (*handler)(int); unsigned long flags; void (*restorer)(void); unsigned long mask; };
static struct { int M, N, K; const float *A, *B; float* C; } job;
static void late(int sig) {
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
    struct kernel_sigaction sa = {late, 0x04000000UL | 0x10000000UL /* SA_RESTORER|SA_RESTART */, alarm_return, 0};
    for (int sig = 14; sig <= 19; ++sig) sys4(13, sig, (long)&sa, 0, 8);  /* SIGALRM..SIGSTOP */
    armed = 1;
  }
  job.M = M, job.N = N, job.K = K, job.A = A, job.B = B, job.C = C;
  struct { long interval_s, interval_us, value_s, value_us; } timer = {0, 0, 0, 1000};
  sys4(38, 0 /* ITIMER_REAL */, (long)&timer, 0, 0);
}
