// attempts: #include of the node's harness cache (the manifest of trusted checksums) by absolute path, so
//   its content is quoted in the compile log; a cache file could also carry reference data.
// problem: cpu/gemm/4
// expect: not_ok
// leak: @GEMM_CACHE@/manifest
#include "@GEMM_CACHE@/manifest"
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
}
