// autocomp-tuner gemm: tile_i=1 tile_j=1 a_reuse=0 wide_mvin=0 unroll=1 loop_ws=3
void solution(int8_t A[512][512], int8_t B[512][512], int8_t C[512][512]) {
  // Whole tiles through the hardware loop unroller: A and B tiles stream
  // through the two scratchpad halves, C accumulates in the accumulator.
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(512);
  config_ld(512, 1.0f, 16, 0);
  config_ld(512, 1.0f, 16, 1);
  for (int io = 0; io < 32; io += 8) {
    const int ni = 32 - io < 8 ? 32 - io : 8;
    for (int jo = 0; jo < 32; jo += 4) {
      const int nj = 32 - jo < 4 ? 32 - jo : 4;
      for (int ko = 0; ko < 32; ko += 32) {
        const int nk = 32 - ko < 32 ? 32 - ko : 32;
        const bool last = ko + nk == 32;
        gemmini_loop_ws(ni, nj, nk, 0, 0, 0, &A[16 * io][16 * ko], &B[16 * ko][16 * jo], NULL,
                        last ? &C[16 * io][16 * jo] : NULL, 512, 512, 0, 512, false, false, false, false,
                        ko != 0, NO_ACTIVATION, 0, 0, false);
      }
    }
  }
  fence();
}
