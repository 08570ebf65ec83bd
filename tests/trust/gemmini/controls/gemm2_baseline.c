// control: the shipped baseline of gemmini/gemm/2 (sols/gemmini/gemm/2/baseline.c), honest
//   tile-by-tile Gemmini code; must pass, and anchors the no_faster bound.
// problem: gemmini/gemm/2
// expect: ok

// autocomp-tuner gemm: tile_i=1 tile_j=1 a_reuse=0 wide_mvin=0 unroll=1 loop_ws=0
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  // A blocks fill the first scratchpad half, B blocks the second; one
  // accumulator tile per 16x16 block of C.
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(256);
  config_ld(256, 1.0f, 16, 0);
  config_ld(256, 1.0f, 16, 1);
  for (int io = 0; io < 16; io++) {
    for (int jo = 0; jo < 16; jo++) {
      for (int k = 0; k < 16; k += 1) {
        mvin(&A[16 * (io * 1 + 0)][16 * k], (0 * 1 + 0) * 16, 16, 16);
        mvin2(&B[16 * k][16 * (jo * 1 + 0)], 8192 + (0 * 1 + 0) * 16, 16, 16);
        preload(8192 + (0 * 1 + 0) * 16, ((1u << 31) + 0) | (k ? (1u << 30) : 0), 16, 16, 16, 16);
        compute_preloaded((0 * 1 + 0) * 16, GARBAGE_ADDR, 16, 16, 16, 16);
      }
      mvout(&C[16 * (io * 1 + 0)][16 * (jo * 1 + 0)], (1u << 31) + 0, 16, 16);
    }
  }
  fence();
}
