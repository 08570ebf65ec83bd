// attempts: write the user-level counters (cycle 0xC00, instret 0xC02)
//   directly, which a naive simulator might accept and use as its count.
//   They are read-only: the write must trap, not shrink the score.
// problem: gemmini/gemm/2
// expect: runtime_error
// message: illegal instruction
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  __asm__ volatile("csrw 0xC02, zero\n\tcsrw 0xC00, zero");
}
