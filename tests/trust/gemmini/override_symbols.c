// attempts: replace harness/runtime/libc entry points with the candidate's
//   own global definitions (main, _start, exit, _exit, printf, memcpy,
//   tohost, fromhost): a fake main could skip the call, print a forged
//   result or exit 0; solution itself does nothing.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of C
#include <stdio.h>
volatile uint64_t tohost, fromhost;
int main(void) { tohost = 1; for (;;) {} }
void _start(void) { tohost = 1; for (;;) {} }
void exit(int c) { (void)c; tohost = 1; for (;;) {} }
void _exit(int c) { (void)c; tohost = 1; for (;;) {} }
int printf(const char* f, ...) { (void)f; return 0; }
void* memcpy(void* d, const void* s, size_t n) { (void)s; (void)n; return d; }
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) { (void)A; (void)B; (void)C; }
