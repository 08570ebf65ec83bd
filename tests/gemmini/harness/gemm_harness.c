/* tests/gemmini/harness/gemm_harness.c — harness of the exo and gemm
 * problem sets: C[I][J] = saturate_int8(A[I][K] * B[K][J]) with int8
 * inputs drawn from a seeded generator. Built with -DMAT_DIM_I/K/J and
 * linked with the candidate's solution() and the reference in
 * gemm_reference.c. Prints whether the candidate matched the reference
 * and the instructions retired inside solution(). */
#include <stdint.h>
#include <stdio.h>

#include "autocomp_harness.h"
#include "gemmini.h"

#ifndef SEED
#define SEED 1
#endif

void solution(int8_t A[MAT_DIM_I][MAT_DIM_K], int8_t B[MAT_DIM_K][MAT_DIM_J], int8_t C[MAT_DIM_I][MAT_DIM_J]);
void reference(int8_t A[MAT_DIM_I][MAT_DIM_K], int8_t B[MAT_DIM_K][MAT_DIM_J], int8_t C[MAT_DIM_I][MAT_DIM_J]);

static int8_t A[MAT_DIM_I][MAT_DIM_K] row_align(1);
static int8_t B[MAT_DIM_K][MAT_DIM_J] row_align(1);
static int8_t C[MAT_DIM_I][MAT_DIM_J] row_align(1);
static int8_t gold[MAT_DIM_I][MAT_DIM_J] row_align(1);

int main(void) {
  autocomp_seed(SEED);
  for (int i = 0; i < MAT_DIM_I; i++)
    for (int k = 0; k < MAT_DIM_K; k++) A[i][k] = (int8_t)autocomp_rand_range(-3, 3);
  for (int k = 0; k < MAT_DIM_K; k++)
    for (int j = 0; j < MAT_DIM_J; j++) B[k][j] = (int8_t)autocomp_rand_range(-3, 3);
  for (int i = 0; i < MAT_DIM_I; i++)
    for (int j = 0; j < MAT_DIM_J; j++) C[i][j] = 0x55;
  reference(A, B, gold);

  uint64_t start = autocomp_cycles();
  solution(A, B, C);
  uint64_t end = autocomp_cycles();

  long mismatches = 0;
  for (int i = 0; i < MAT_DIM_I; i++)
    for (int j = 0; j < MAT_DIM_J; j++)
      if (C[i][j] != gold[i][j]) {
        if (mismatches < 5) printf("mismatch at C[%d][%d]: got %d, expected %d\n", i, j, C[i][j], gold[i][j]);
        mismatches++;
      }
  autocomp_report(mismatches, end - start);
  return mismatches == 0 ? 0 : 1;
}
