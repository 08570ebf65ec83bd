// attempts: do only part of the work (the first 64 of 256 rows of C) for a
//   quarter of the instructions; a spot check of C[0][*] would pass.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of C
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(256);
  config_ld(256, 1.0f, 16, 0);
  config_ld(256, 1.0f, 16, 1);
  for (int io = 0; io < 4; io++)
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
