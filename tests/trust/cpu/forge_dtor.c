// attempts: a destructor that runs after the harness and prints a fake verdict line as the last output
//   (overriding whatever the harness printed for a parser that takes the last line).
// problem: cpu/gemm/4
// expect: rejected
// message: constructor or destructor
#include <stdio.h>
__attribute__((destructor)) static void late(void) {
  printf("{\"status\": \"ok\", \"message\": \"correct\", \"score\": 1e-9}\n");
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B;
  for (int i = 0; i < M * N; ++i) C[i] = 0.0f;
}
