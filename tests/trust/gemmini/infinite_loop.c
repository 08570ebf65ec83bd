// attempts: never return (spin with wfi in a loop), hoping a harness treats
//   an ended-by-limit run as finished or takes the last printed line.
// problem: gemmini/gemm/2
// expect: timeout
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  for (;;) __asm__ volatile("wfi");
}
