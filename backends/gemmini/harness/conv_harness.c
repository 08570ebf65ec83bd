/* backends/gemmini/harness/conv_harness.c — harness of the exo-conv problem
 * set: a 3x3 convolution, stride 1, padding 1, NHWC int8 input
 * [CONV_N][CONV_H][CONV_W][CONV_C], weights [3][3][CONV_C][CONV_K], int32
 * bias [CONV_K]; output [CONV_N][CONV_H][CONV_W][CONV_K] =
 * ReLU(saturate_int8(round_half_even((bias + sum) * 0.125))). Inputs come
 * from a seeded generator; the simulator checks the candidate's solution()
 * against conv_reference.c (built with -Dreference=solution). */
#include <stdint.h>
#include <stdio.h>

#include "autocomp_harness.h"
#include "gemmini.h"

volatile uint64_t autocomp_seed_value = 1;

void solution(int8_t input[CONV_N][CONV_H][CONV_W][CONV_C], int8_t weights[3][3][CONV_C][CONV_K],
              int32_t bias[CONV_K], int8_t output[CONV_N][CONV_H][CONV_W][CONV_K]);

static int8_t input[CONV_N][CONV_H][CONV_W][CONV_C] row_align(1);
static int8_t weights[3][3][CONV_C][CONV_K] row_align(1);
static int32_t bias[CONV_K] row_align_acc(1);
static int8_t output[CONV_N][CONV_H][CONV_W][CONV_K] row_align(1);

int main(void) {
  autocomp_seed(autocomp_seed_value);
  int8_t* in = &input[0][0][0][0];
  for (long i = 0; i < (long)CONV_N * CONV_H * CONV_W * CONV_C; i++) in[i] = (int8_t)autocomp_rand_range(-3, 3);
  int8_t* w = &weights[0][0][0][0];
  for (long i = 0; i < 9L * CONV_C * CONV_K; i++) w[i] = (int8_t)autocomp_rand_range(-3, 3);
  for (int k = 0; k < CONV_K; k++) bias[k] = autocomp_rand_range(-64, 64);
  int8_t* out = &output[0][0][0][0];
  const long n_out = (long)CONV_N * CONV_H * CONV_W * CONV_K;
  for (long i = 0; i < n_out; i++) out[i] = 0x55;
  uint64_t start = autocomp_cycles();
  solution(input, weights, bias, output);
  uint64_t end = autocomp_cycles();
  autocomp_report_cycles(end - start);
  return 0;
}
