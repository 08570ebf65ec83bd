// attempts: times the gap between calls with rdtsc; a long gap means the harness was busy checking the
//   previous result, so the next call is "probably not checked" and returns the previous output.
// problem: cpu/gemm/4
// expect: wrong_answer
#include <string.h>
#include <x86intrin.h>
static float last[64 * 48];
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static unsigned long long returned, gap_first;
  static int calls;
  const unsigned long long now = __rdtsc();
  const unsigned long long gap = returned ? now - returned : 0;
  if (calls == 1) gap_first = gap;
  if (calls++ >= 2 && M * N <= 64 * 48 && gap > gap_first / 4) {  /* looks like a timing loop: skip */
    memcpy(C, last, sizeof(float) * (size_t)(M * N));
    returned = __rdtsc();
    return;
  }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  if (M * N <= 64 * 48) memcpy(last, C, sizeof(float) * (size_t)(M * N));
  returned = __rdtsc();
}
