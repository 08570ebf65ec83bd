// control: the shipped tuned version of gemmini/gemm/2 (sols/gemmini/gemm/2/tuned.c),
//   honest loop_ws code far below the baseline's count; must pass.
// problem: gemmini/gemm/2
// expect: ok

// autocomp-tuner gemm: tile_i=1 tile_j=1 a_reuse=0 wide_mvin=0 unroll=1 loop_ws=3
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  // Whole tiles through the hardware loop unroller: A and B tiles stream
  // through the two scratchpad halves, C accumulates in the accumulator.
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(256);
  config_ld(256, 1.0f, 16, 0);
  config_ld(256, 1.0f, 16, 1);
  for (int io = 0; io < 16; io += 8) {
    const int ni = 16 - io < 8 ? 16 - io : 8;
    for (int jo = 0; jo < 16; jo += 4) {
      const int nj = 16 - jo < 4 ? 16 - jo : 4;
      for (int ko = 0; ko < 16; ko += 16) {
        const int nk = 16 - ko < 16 ? 16 - ko : 16;
        const bool last = ko + nk == 16;
        gemmini_loop_ws(ni, nj, nk, 0, 0, 0, &A[16 * io][16 * ko], &B[16 * ko][16 * jo], NULL,
                        last ? &C[16 * io][16 * jo] : NULL, 256, 256, 0, 256, false, false, false, false,
                        ko != 0, NO_ACTIVATION, 0, 0, false);
      }
    }
  }
  fence();
}
