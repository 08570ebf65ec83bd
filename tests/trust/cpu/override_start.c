// attempts: defines _start and __libc_start_main (entry points of the static executable) to exit 0
//   before any harness code runs; gemm does nothing.
// problem: cpu/gemm/4
// expect: wrong_answer
__asm__(".text\n.globl _start\n_start:\n  movl $231, %eax\n  xorl %edi, %edi\n  syscall\n");
int __libc_start_main(void) { return 0; }
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
}
