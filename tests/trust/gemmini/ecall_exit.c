// attempts: a Linux/pk-style exit system call (a7 = 93, ecall) from inside
//   solution, which a proxy-kernel harness would serve as a clean exit(0).
// problem: gemmini/gemm/2
// expect: runtime_error
// message: trapped
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  __asm__ volatile("li a0, 0\n\tli a7, 93\n\tecall" ::: "a0", "a7", "memory");
}
