// attempts: #include of the harness's own source by absolute path, to reuse its internals (the filter,
//   main, the timed region) and to get its text echoed in diagnostics. Rejected by the include check, or
//   a compile error where the checkout is hidden from the sandbox (under /tmp or /home); never a leak.
// problem: cpu/gemm/4
// expect: not_ok
// leak: @SOURCE_DIR@/backends/cpu/harness/call_stub.c
#include "@SOURCE_DIR@/backends/cpu/harness/call_stub.c"
void autocomp_invoke(const struct autocomp_shm_header* header, char* base) { (void)header, (void)base; }
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
}
