// attempts: a constructor that prints a fake "ok" verdict and exits 0 before main, so the harness never runs;
//   an in-process harness that trusts exit status and stdout would report success.
// problem: cpu/gemm/4
// expect: rejected
// message: constructor
#include <stdio.h>
#include <stdlib.h>
__attribute__((constructor)) static void early(void) {
  printf("{\"status\": \"ok\", \"score\": 1e-9}\n");
  fflush(stdout);
  exit(0);
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
}
