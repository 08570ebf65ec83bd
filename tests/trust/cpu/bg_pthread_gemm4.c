// attempts: starts a pthread in a problem that does not allow threads: the helper computes C on a
//   second core while gemm returns at once (an evaluator that times the call but checks later is fooled).
// problem: cpu/gemm/4
// expect: rejected
// message: pthread_create
#include <pthread.h>
static struct { int M, N, K; const float *A, *B; float* C; } job;
static void* work(void* unused) {
  (void)unused;
  for (int i = 0; i < job.M; ++i)
    for (int j = 0; j < job.N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < job.K; ++k) s += job.A[i * job.K + k] * job.B[k * job.N + j];
      job.C[i * job.N + j] = s;
    }
  return 0;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  job.M = M, job.N = N, job.K = K, job.A = A, job.B = B, job.C = C;
  pthread_t t;
  pthread_create(&t, 0, work, 0);
  pthread_detach(t);
}
