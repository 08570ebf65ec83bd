// Vendor-library version: one call to the Gemmini library's tiled_matmul_auto
// (weight-stationary, tiling factors chosen by the library), written in the
// form of Autocomp's vendor-library baselines (the harness macros
// A_MATRIX_NAME, B_MATRIX_NAME, C_MATRIX_NAME, A_TRANSPOSE, B_TRANSPOSE).
void solution(int8_t A[64][1024], int8_t B[1024][1024], int8_t C[64][1024]) {
  tiled_matmul_auto(MAT_DIM_I, MAT_DIM_J, MAT_DIM_K, A_MATRIX_NAME, B_MATRIX_NAME, NULL,
                    C_MATRIX_NAME, A_TRANSPOSE ? MAT_DIM_I : MAT_DIM_K, B_TRANSPOSE ? MAT_DIM_K : MAT_DIM_J,
                    MAT_DIM_J, MAT_DIM_J, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY,
                    NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, false, A_TRANSPOSE, B_TRANSPOSE, false, false, 0,
                    WEIGHT_STATIONARY);
  fence();
}
