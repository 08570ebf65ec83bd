// autocomp-tuner gemm: tile_i=1 tile_j=1 a_reuse=0 wide_mvin=0 unroll=1 loop_ws=3
void solution(int8_t A[3136][512], int8_t B[512][128], int8_t C[3136][128]) {
  // Whole tiles through the hardware loop unroller: A and B tiles stream
  // through the two scratchpad halves, C accumulates in the accumulator.
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(128);
  config_ld(512, 1.0f, 16, 0);
  config_ld(128, 1.0f, 16, 1);
  for (int io = 0; io < 196; io += 8) {
    const int ni = 196 - io < 8 ? 196 - io : 8;
    for (int jo = 0; jo < 8; jo += 4) {
      const int nj = 8 - jo < 4 ? 8 - jo : 4;
      for (int ko = 0; ko < 32; ko += 32) {
        const int nk = 32 - ko < 32 ? 32 - ko : 32;
        const bool last = ko + nk == 32;
        gemmini_loop_ws(ni, nj, nk, 0, 0, 0, &A[16 * io][16 * ko], &B[16 * ko][16 * jo], NULL,
                        last ? &C[16 * io][16 * jo] : NULL, 512, 128, 0, 128, false, false, false, false,
                        ko != 0, NO_ACTIVATION, 0, 0, false);
      }
    }
  }
  fence();
}
