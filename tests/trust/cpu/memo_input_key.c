// attempts: memoizes on a cheap key (a few input elements): a table of earlier results is consulted
//   before computing; against fixed or repeating inputs nearly every call would be a free hit.
// problem: cpu/gemm/4
// expect: no_faster
#include <string.h>
#define SLOTS 8
static struct { float key[4]; float c[64 * 48]; int used; } table[SLOTS];
static int next;
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  const float key[4] = {A[0], A[M * K - 1], B[0], B[K * N - 1]};
  for (int s = 0; s < SLOTS; ++s)
    if (table[s].used && memcmp(table[s].key, key, sizeof key) == 0) {
      memcpy(C, table[s].c, sizeof(float) * (size_t)(M * N));
      return;
    }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  if (M * N <= 64 * 48) {
    memcpy(table[next].key, key, sizeof key);
    memcpy(table[next].c, C, sizeof(float) * (size_t)(M * N));
    table[next].used = 1;
    next = (next + 1) % SLOTS;
  }
}
