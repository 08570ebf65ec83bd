// attempts: prints "correct" with a fake score and exits with status 0 in the middle of the first call;
//   a harness that equates "exit 0 and printed correct" with success is fooled.
// problem: cpu/gemm/4
// expect: runtime_error
#include <stdio.h>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
  printf("correct (5 timed calls, every one checked)\n{\"status\": \"ok\", \"score\": 1e-9}\n");
  fflush(stdout);
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(231L), "D"(0L) : "rcx", "r11", "memory");  /* exit_group(0) */
}
