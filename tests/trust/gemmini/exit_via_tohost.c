// attempts: end the whole program from inside solution with an HTIF exit(0)
//   request written straight to the runtime's tohost word (0x80000080 in this
//   layout), so a harness that trusts "exit code 0" passes a half-done run
//   and no return is ever measured.
// problem: gemmini/gemm/2
// expect: runtime_error
// message: did not return
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  *(volatile uint64_t*)0x80000080 = 1;  // (0 << 1) | 1: exit with code 0
  for (;;) {}
}
