// control: threads with pthreads: rows split among up to 4 threads created and joined inside the call
// problem: cpu/gemm/5
// expect: ok
// faster_than_baseline: true
#include <pthread.h>
struct part { int from, to, N, K; const float *A, *B; float* C; };
static void* rows(void* arg) {
  const struct part* p = arg;
  for (int i = p->from; i < p->to; ++i) {
    float* c = p->C + i * p->N;
    for (int j = 0; j < p->N; ++j) c[j] = 0.0f;
    for (int k = 0; k < p->K; ++k) {
      const float a = p->A[i * p->K + k];
      const float* b = p->B + k * p->N;
      for (int j = 0; j < p->N; ++j) c[j] += a * b[j];
    }
  }
  return 0;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  enum { T = 4 };
  pthread_t threads[T];
  struct part parts[T];
  int started[T] = {0};
  for (int t = 0; t < T; ++t) {
    parts[t] = (struct part){M * t / T, M * (t + 1) / T, N, K, A, B, C};
    started[t] = t > 0 && pthread_create(&threads[t], 0, rows, &parts[t]) == 0;
    if (t > 0 && !started[t]) rows(&parts[t]);
  }
  rows(&parts[0]);
  for (int t = 1; t < T; ++t)
    if (started[t]) pthread_join(threads[t], 0);
}
