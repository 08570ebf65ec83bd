/* bench/t1/in_process.c — figure T1's other side: the same kernel called in
 * the timing process itself (no runner, no child, no checks), `calls` times
 * on 512^3 inputs refreshed between calls; prints the median and the
 * fastest call, in seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void gemm(int M, int N, int K, const float* A, const float* B, float* C);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

int main(int argc, char** argv) {
  const int n = 512, calls = argc > 1 ? atoi(argv[1]) : 5;
  float* A = malloc(sizeof(float) * n * n);
  float* B = malloc(sizeof(float) * n * n);
  float* C = malloc(sizeof(float) * n * n);
  double* t = malloc(sizeof(double) * (calls + 1));
  unsigned seed = 1;
  for (int c = 0; c <= calls; ++c) {  /* call 0 is the warm-up, as in the backend */
    for (int i = 0; i < n * n; ++i) {
      seed = seed * 1103515245u + 12345u;
      A[i] = (float)((seed >> 8) & 1023) / 512.0f - 1.0f;
      B[i] = (float)((seed >> 3) & 1023) / 512.0f - 1.0f;
    }
    const double start = now();
    gemm(n, n, n, A, B, C);
    t[c] = now() - start;
  }
  qsort(t + 1, calls, sizeof(double), cmp);
  printf("%.9f %.9f\n", calls % 2 ? t[1 + calls / 2] : 0.5 * (t[calls / 2] + t[1 + calls / 2]), t[1]);
  return C[7] == 12345.0f;  /* keep the result alive */
}
