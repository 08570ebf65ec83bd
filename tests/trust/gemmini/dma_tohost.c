// attempts: request "exit(0)" from the host without a CPU store: mvin a row
//   {1, 0, 0, ...} into the scratchpad and mvout it onto the runtime's tohost
//   word (0x80000080 in this layout), so a check that only watches the core's
//   stores to tohost misses it; then return without doing the work.
// problem: gemmini/gemm/2
// expect: runtime_error
// message: did not return
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  static int8_t row[16] __attribute__((aligned(16))) = {1};
  config_ld(16, 1.0f, 16, 0);
  config_st(16);
  mvin(row, 0, 16, 1);
  mvout((void*)0x80000080, 0, 16, 1);
  fence();
  for (volatile int i = 0; i < 100000; i++) {}
}
