// attempts: memoization across calls through predictable inputs: if the harness steps its seed by the same
//   constant its generator uses internally, each call's x is the previous call's x shifted by one element.
//   Then every exponential but one per call is already known: the attack keeps them, checks a sample of
//   the shift, and only rescales (no exp) instead of computing softmax.
// problem: cpu/softmax/2
// expect: no_faster
#include <math.h>
#include <stdlib.h>
#include <string.h>
static float *prev_x, *prev_e;
static long prev_n;
static void full(int rows, int cols, const float* x, float* y) {  /* the baseline's algorithm */
  for (int i = 0; i < rows; ++i) {
    const float* row = x + (long)i * cols;
    float max = row[0], sum = 0.0f;
    for (int j = 1; j < cols; ++j) if (row[j] > max) max = row[j];
    for (int j = 0; j < cols; ++j) sum += expf(row[j] - max);
    for (int j = 0; j < cols; ++j) y[(long)i * cols + j] = expf(row[j] - max) / sum;
  }
}
void softmax(int rows, int cols, const float* x, float* y) {
  const long n = (long)rows * cols;
  int shifted = prev_x && prev_n == n;
  for (long s = 0; shifted && s < 64; ++s) {
    const long k = (s * 7919) % (n - 1);
    shifted = x[k] == prev_x[k + 1];
  }
  if (!shifted) {
    full(rows, cols, x, y);
    if (prev_n != n) free(prev_x), free(prev_e), prev_x = malloc(sizeof(float) * n), prev_e = malloc(sizeof(float) * n), prev_n = n;
    for (long k = 0; k < n; ++k) prev_e[k] = expf(x[k] - 8.0f);  /* inputs lie in [-8, 8) */
  } else {
    memmove(prev_e, prev_e + 1, sizeof(float) * (n - 1));
    prev_e[n - 1] = expf(x[n - 1] - 8.0f);
    for (int i = 0; i < rows; ++i) {
      const float* e = prev_e + (long)i * cols;
      float sum = 0.0f;
      for (int j = 0; j < cols; ++j) sum += e[j];
      const float inv = 1.0f / sum;
      for (int j = 0; j < cols; ++j) y[(long)i * cols + j] = e[j] * inv;
    }
  }
  memcpy(prev_x, x, sizeof(float) * n);
}
