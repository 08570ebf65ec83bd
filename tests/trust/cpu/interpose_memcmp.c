// attempts: defines memcmp (always "equal"), memcpy, printf and puts, then scribbles past C and over A;
//   a harness that checks inputs and guards with libc memcmp in the candidate's process is blinded.
// problem: cpu/gemm/4
// expect: wrong_answer
#include <stddef.h>
int memcmp(const void* a, const void* b, size_t n) { (void)a, (void)b, (void)n; return 0; }
void* memcpy(void* d, const void* s, size_t n) { char* o = d; const char* i = s; while (n--) *o++ = *i++; return d; }
int puts(const char* s) { (void)s; return 0; }
int printf(const char* f, ...) { (void)f; return 0; }
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)B;
  for (int i = 0; i < M * N + 16; ++i) C[i] = 0.0f;  /* 16 past the end */
  ((float*)A)[0] = 0.0f;
  (void)K;
}
