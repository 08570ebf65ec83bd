// attempts: raw system calls to pin itself to a core, raise its priority (setpriority -20, nice), switch to
//   SCHED_FIFO and raise I/O priority, to run undisturbed and faster than honest code; computes honestly.
// problem: cpu/gemm/4
// expect: no_faster
// trace_lacks: BREACH
#include <stdio.h>
static long sys4(long n, long a, long b, long c, long d) {
  long r; register long r10 __asm__("r10") = d;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int tried;
  if (!tried) {
    tried = 1;
    unsigned long one_core = 1;
    int fifo[1] = {50};
    struct { const char* what; long rc; } tries[] = {
        {"sched_setaffinity", sys4(203, 0, sizeof one_core, (long)&one_core, 0)},
        {"setpriority", sys4(141, 0 /* PRIO_PROCESS */, 0, -20, 0)},
        {"sched_setscheduler", sys4(144, 0, 1 /* SCHED_FIFO */, (long)fifo, 0)},
        {"ioprio_set", sys4(251, 1, 0, (1 << 13) | 0, 0)},
        {"sched_setattr", sys4(314, 0, 0, 0, 0) == 0 ? 0 : -1},
    };
    for (unsigned i = 0; i < sizeof tries / sizeof *tries; ++i)
      if (tries[i].rc == 0) printf("BREACH: %s succeeded\n", tries[i].what);
    fflush(stdout);
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
