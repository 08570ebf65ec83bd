// attempts: never returns from the first call (a harness without a deadline would hang the search).
// problem: cpu/gemm/4
// expect: timeout
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
  for (volatile unsigned long i = 0;; ++i) {}
}
