// attempts: in a problem that allows threads, computes the first half of C and leaves the second half to a
//   helper thread that starts only once gemm is returning, i.e. it writes C after the call ended (a harness
//   that stops its clock at the return but reads C later would accept the result and the short time).
// problem: cpu/gemm/5
// expect: wrong_answer
#include <pthread.h>
static struct { int M, N, K; const float *A, *B; float* C; volatile int go; } job;
static void* rest(void* unused) {
  (void)unused;
  for (;;) {
    while (!job.go) __builtin_ia32_pause();
    job.go = 0;
    for (int i = job.M / 2; i < job.M; ++i)
      for (int j = 0; j < job.N; ++j) {
        float s = 0.0f;
        for (int k = 0; k < job.K; ++k) s += job.A[i * job.K + k] * job.B[k * job.N + j];
        job.C[i * job.N + j] = s;
      }
  }
  return 0;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int started;
  if (!started) {
    pthread_t t;
    started = pthread_create(&t, 0, rest, 0) == 0;
  }
  job.M = M, job.N = N, job.K = K, job.A = A, job.B = B, job.C = C;
  for (int i = 0; i < M / 2; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  __atomic_store_n(&job.go, 1, __ATOMIC_RELEASE);  /* the second half starts after we return */
}
