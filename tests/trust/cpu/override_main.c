// attempts: defines main() that prints a fake verdict and returns 0, hoping to replace the harness's main
//   in the static link; gemm itself does nothing.
// problem: cpu/gemm/4
// expect: wrong_answer
#include <stdio.h>
int main(void) {
  printf("{\"status\": \"ok\", \"message\": \"correct\", \"score\": 1e-9}\n");
  return 0;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
}
