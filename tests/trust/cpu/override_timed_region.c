// attempts: defines the harness's counted/timed function autocomp_timed_region (weak in a naive harness)
//   so that the harness's timing wraps an empty function, and gemm returns immediately.
// problem: cpu/gemm/4
// expect: rejected
// message: reserved name
void autocomp_timed_region(const void* header, char* base) { (void)header, (void)base; }
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
}
