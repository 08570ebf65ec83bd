/* tests/gemmini/calibration/matmul_calibration.c — one calibration point of
 * the gemmini cycle model: a single tiled_matmul_auto call (weight
 * stationary) of CAL_I x CAL_K x CAL_J int8 matrices, timed with the cycle
 * counter the way the published FireSim measurements were taken (the
 * gemmini-rocc-tests perf programs and the DOSA data-collection template):
 * CAL_BIAS 0 no bias, 1 a repeating bias row, 2 a full bias matrix (acc_t);
 * CAL_INIT 1 the CPU writes the inputs first (so they sit in its caches),
 * 0 they stay as the loader left them (in DRAM, as in those templates);
 * gemmini_fence() ends the timed region. Built against either our
 * include/gemmini.h or the original library's header. */
#include <stdint.h>
#include <stdio.h>
#include "gemmini.h"

#ifndef CAL_BIAS
#define CAL_BIAS 0
#endif
#ifndef CAL_INIT
#define CAL_INIT 1
#endif

static elem_t A[CAL_I][CAL_K] row_align(1);
static elem_t B[CAL_K][CAL_J] row_align(1);
static elem_t C[CAL_I][CAL_J] row_align(1);
static acc_t D[CAL_BIAS == 2 ? CAL_I : 1][CAL_J] row_align_acc(1);

static inline uint64_t cal_cycles(void) {
  uint64_t c;
  __asm__ volatile("rdcycle %0" : "=r"(c));
  return c;
}

int main(void) {
#if CAL_INIT
  uint32_t x = 12345;
  for (int i = 0; i < CAL_I; i++)
    for (int k = 0; k < CAL_K; k++) { x = x * 1103515245u + 12345u; A[i][k] = (elem_t)((x >> 16) % 5) - 2; }
  for (int k = 0; k < CAL_K; k++)
    for (int j = 0; j < CAL_J; j++) { x = x * 1103515245u + 12345u; B[k][j] = (elem_t)((x >> 16) % 5) - 2; }
  for (int i = 0; i < (CAL_BIAS == 2 ? CAL_I : 1); i++)
    for (int j = 0; j < CAL_J; j++) D[i][j] = (acc_t)(j % 7);
#endif
  gemmini_flush(0);
  const uint64_t start = cal_cycles();
  tiled_matmul_auto(CAL_I, CAL_J, CAL_K, (elem_t*)A, (elem_t*)B, CAL_BIAS ? (void*)D : NULL, (elem_t*)C,
                    CAL_K, CAL_J, CAL_J, CAL_J, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY,
                    NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, CAL_BIAS == 1, false, false, false, false, 0, WS);
  gemmini_fence();
  const uint64_t end = cal_cycles();
  printf("calibration %dx%dx%d: %llu counter ticks\n", CAL_I, CAL_K, CAL_J, (unsigned long long)(end - start));
  return 0;
}
