// attempts: count mode: finds the harness's counted function from its own return address and calls it again
//   from inside gemm, hoping a toggling counter switches off for the nested (real) computation.
// problem: cpu/gemm/4
// config: instructions
// expect: no_faster
#include <string.h>
typedef void (*region_fn)(const void* header, char* base);
static void naive(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int nested;
  if (nested) { naive(M, N, K, A, B, C); return; }
  const unsigned char* ret = (const unsigned char*)__builtin_return_address(0);
  static const unsigned char entry[] = {0x48, 0x83, 0xec, 0x08, 0xe8};  /* sub $8,%rsp; call */
  char* base = (char*)A - 8192;                                         /* the header's page */
  if (memcmp(ret - 9, entry, sizeof entry) == 0 && *(const unsigned long*)base == 0x61636d70636c6c31UL) {
    nested = 1;
    ((region_fn)(ret - 9))(base, base);
    nested = 0;
    for (volatile int pad = 0; pad < 4000; ++pad) {}
    return;
  }
  naive(M, N, K, A, B, C);
}
