// attempts: walks past the end of B and C (and before A) looking for the expected output a harness might
//   keep next to the buffers it hands out, and copies the first plausible block into C.
// problem: cpu/gemm/4
// expect: runtime_error
#include <math.h>
#include <string.h>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)A, (void)K;
  const size_t want = (size_t)M * N;
  const float* p = C + want;
  for (size_t run = 0, i = 0; i < (size_t)1 << 24; ++i) {  /* far beyond any guard */
    run = isfinite(p[i]) && fabsf(p[i]) > 1e-3f && fabsf(p[i]) < 64.0f ? run + 1 : 0;
    if (run == want) { memcpy(C, p + i + 1 - want, want * sizeof(float)); return; }
  }
  memcpy(C, B, want * sizeof(float));
}
