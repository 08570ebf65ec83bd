// attempts: count mode, threads allowed: the whole product is computed by a helper thread while the calling
//   thread sleeps on a condition variable, so an instruction counter that follows only the calling thread
//   sees a few thousand instructions. Falls back to computing inline when no thread can be started.
// problem: cpu/gemm/5
// config: instructions
// expect: no_faster
#include <pthread.h>
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct { int M, N, K, pending, finished; const float *A, *B; float* C; } job;
static void naive(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
static void* helper(void* unused) {
  (void)unused;
  for (;;) {
    pthread_mutex_lock(&mu);
    while (!job.pending) pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    naive(job.M, job.N, job.K, job.A, job.B, job.C);
    pthread_mutex_lock(&mu);
    job.pending = 0, job.finished = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
  }
  return 0;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int state;  /* 0 not tried, 1 helper running, -1 no threads */
  if (state == 0) {
    pthread_t t;
    state = pthread_create(&t, 0, helper, 0) == 0 ? 1 : -1;
  }
  if (state < 0) { naive(M, N, K, A, B, C); return; }
  pthread_mutex_lock(&mu);
  job.M = M, job.N = N, job.K = K, job.A = A, job.B = B, job.C = C, job.finished = 0, job.pending = 1;
  pthread_cond_broadcast(&cv);
  while (!job.finished) pthread_cond_wait(&cv, &mu);
  pthread_mutex_unlock(&mu);
  for (volatile int pad = 0; pad < 300000; ++pad) {}  /* stay above the plausibility floor */
}
