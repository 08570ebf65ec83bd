/* backends/gemmini/harness/gemm_harness.c — harness of the exo and gemm
 * problem sets: C[I][J] = saturate_int8(A[I][K] * B[K][J]) with int8
 * inputs drawn from a seeded generator. Built with -DMAT_DIM_I/K/J and
 * linked with the candidate's solution(), or with gemm_reference.c built
 * with -Dreference=solution for the simulator's reference run. */
#include <stdint.h>
#include <stdio.h>

#include "autocomp_harness.h"
#include "gemmini.h"

volatile uint64_t autocomp_seed_value = 1;

void solution(int8_t A[MAT_DIM_I][MAT_DIM_K], int8_t B[MAT_DIM_K][MAT_DIM_J], int8_t C[MAT_DIM_I][MAT_DIM_J]);

static int8_t A[MAT_DIM_I][MAT_DIM_K] row_align(1);
static int8_t B[MAT_DIM_K][MAT_DIM_J] row_align(1);
static int8_t C[MAT_DIM_I][MAT_DIM_J] row_align(1);

int main(void) {
  autocomp_seed(autocomp_seed_value);
  for (int i = 0; i < MAT_DIM_I; i++)
    for (int k = 0; k < MAT_DIM_K; k++) A[i][k] = (int8_t)autocomp_rand_range(-3, 3);
  for (int k = 0; k < MAT_DIM_K; k++)
    for (int j = 0; j < MAT_DIM_J; j++) B[k][j] = (int8_t)autocomp_rand_range(-3, 3);
  for (int i = 0; i < MAT_DIM_I; i++)
    for (int j = 0; j < MAT_DIM_J; j++) C[i][j] = 0x55;
  uint64_t start = autocomp_cycles();
  solution(A, B, C);
  uint64_t end = autocomp_cycles();
  autocomp_report_cycles(end - start);
  return 0;
}
