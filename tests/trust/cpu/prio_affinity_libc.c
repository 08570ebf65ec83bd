// attempts: the same through libc: sched_setaffinity, nice and setpriority before computing.
// problem: cpu/gemm/4
// expect: rejected
// message: which candidates may not call
#define _GNU_SOURCE
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(0, &set);
  sched_setaffinity(0, sizeof set, &set);
  if (nice(-20) < 0) setpriority(PRIO_PROCESS, 0, -20);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
