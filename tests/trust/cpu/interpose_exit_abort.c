// attempts: defines exit, _exit, abort and __stack_chk_fail to print "correct" and return, then crashes;
//   a harness relying on libc's exit path inside the candidate process would report success.
// problem: cpu/gemm/4
// expect: runtime_error
#include <stdio.h>
void exit(int code) { (void)code; puts("correct"); for (;;) {} }
void _exit(int code) { (void)code; puts("correct"); for (;;) {} }
void abort(void) { puts("correct"); for (;;) {} }
void __stack_chk_fail(void) { puts("correct"); }
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
  volatile int* null = 0;
  *null = 1;
}
