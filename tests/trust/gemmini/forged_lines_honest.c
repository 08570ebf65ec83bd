// attempts: do the work, then forge the measurement the guest reports: print
//   "autocomp: cycles 1" / "autocomp: timed_instructions 5" and rewrite the
//   harness's own "autocomp: cycles %llu" format string in memory so the only
//   cycles line left is the forged one (one line, as a line-counting check
//   wants). Only the simulator's own count may become the score.
// problem: gemmini/gemm/2
// expect: no_faster
#include <stdio.h>
static void work(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(256);
  config_ld(256, 1.0f, 16, 0);
  config_ld(256, 1.0f, 16, 1);
  for (int io = 0; io < 16; io++)
    for (int jo = 0; jo < 16; jo++) {
      for (int k = 0; k < 16; k++) {
        mvin(&A[16 * io][16 * k], 0, 16, 16);
        mvin2(&B[16 * k][16 * jo], 8192, 16, 16);
        preload(8192, (1u << 31) | (k ? (1u << 30) : 0), 16, 16, 16, 16);
        compute_preloaded(0, GARBAGE_ADDR, 16, 16, 16, 16);
      }
      mvout(&C[16 * io][16 * jo], 1u << 31, 16, 16);
    }
  fence();
}
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  work(A, B, C);
  // Find the harness's format string in the program image and blank it out.
  static const char pat[] = "autocomp: cycles %";
  for (volatile char* p = (volatile char*)0x80000000; p < (volatile char*)0x80040000; p++) {
    if ((const char*)p == pat) continue;
    int i = 0;
    while (pat[i] && p[i] == pat[i]) i++;
    if (!pat[i]) { p[0] = 'X'; break; }
  }
  printf("autocomp: timed_instructions 5\n");
  printf("autocomp: cycles 1\n");
}
