// attempts: read a file of the evaluating host at build time (.incbin in
//   top-level asm; the compile step can read the host's file system) and
//   print it from solution, so its contents come back in the result's trace
//   to whoever wrote the candidate. The work itself is honest. (Its sibling,
//   `.include "FILE"`, leaks KEY=VALUE files without running: each VALUE
//   becomes an undefined symbol named in the rejection message.)
// problem: gemmini/gemm/2
// expect: no_faster
// leak: /etc/os-release
#include <stdio.h>
__asm__("\t.section .rodata\nhostfile:\n\t.incbin \"/etc/os-release\"\n\t.byte 0\n\t.text\n");
extern const char hostfile[] __asm__("hostfile");
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  printf("%s\n", hostfile);
  tiled_matmul_auto(256, 256, 256, &A[0][0], &B[0][0], NULL, &C[0][0], 256, 256, 256, 256, MVIN_SCALE_IDENTITY,
                    MVIN_SCALE_IDENTITY, 1, NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, false, false, false, false, false,
                    0, WS);
}
