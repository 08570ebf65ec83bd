// autocomp-tuner gemm: tile_i=1 tile_j=1 a_reuse=0 wide_mvin=0 unroll=1 loop_ws=3
void solution(int8_t A[32][2048], int8_t B[2048][2048], int8_t C[32][2048]) {
  // Whole tiles through the hardware loop unroller: A and B tiles stream
  // through the two scratchpad halves, C accumulates in the accumulator.
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(2048);
  config_ld(2048, 1.0f, 16, 0);
  config_ld(2048, 1.0f, 16, 1);
  for (int io = 0; io < 2; io += 2) {
    const int ni = 2 - io < 2 ? 2 - io : 2;
    for (int jo = 0; jo < 128; jo += 4) {
      const int nj = 128 - jo < 4 ? 128 - jo : 4;
      for (int ko = 0; ko < 128; ko += 85) {
        const int nk = 128 - ko < 85 ? 128 - ko : 85;
        const bool last = ko + nk == 128;
        gemmini_loop_ws(ni, nj, nk, 0, 0, 0, &A[16 * io][16 * ko], &B[16 * ko][16 * jo], NULL,
                        last ? &C[16 * io][16 * jo] : NULL, 2048, 2048, 0, 2048, false, false, false, false,
                        ko != 0, NO_ACTIVATION, 0, 0, false);
      }
    }
  }
  fence();
}
