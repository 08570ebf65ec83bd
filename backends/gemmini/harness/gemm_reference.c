/* backends/gemmini/harness/gemm_reference.c — the reference the gemm harness
 * checks candidates against. By default Gemmini's own loop_ws unroller
 * (tiled_matmul_auto), which the built-in model computes natively; with
 * -DREFERENCE_CPU a plain triple loop on the CPU (slow; used by the tests
 * that validate the fast reference). */
#include <stdint.h>

#include "gemmini.h"

void reference(int8_t A[MAT_DIM_I][MAT_DIM_K], int8_t B[MAT_DIM_K][MAT_DIM_J], int8_t C[MAT_DIM_I][MAT_DIM_J]) {
#ifdef REFERENCE_CPU
  for (int i = 0; i < MAT_DIM_I; i++)
    for (int j = 0; j < MAT_DIM_J; j++) {
      int32_t sum = 0;
      for (int k = 0; k < MAT_DIM_K; k++) sum += (int32_t)A[i][k] * (int32_t)B[k][j];
      C[i][j] = (int8_t)(sum > 127 ? 127 : (sum < -128 ? -128 : sum));
    }
#else
  tiled_matmul_auto(MAT_DIM_I, MAT_DIM_J, MAT_DIM_K, &A[0][0], &B[0][0], NULL, &C[0][0], MAT_DIM_K, MAT_DIM_J,
                    MAT_DIM_J, MAT_DIM_J, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, 1, NO_ACTIVATION,
                    ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 0, WS);
#endif
}
