// control: the shipped fp32 baseline of gemmini/admm-multifunction/0
//   (sols/gemmini/admm-multifunction/0/baseline.c) on the 4x4 fp32 config; must pass.
// problem: gemmini/admm-multifunction/0
// expect: ok

// Baseline: every matrix-vector product tile by tile; matrices and vectors
// are moved in again for every product, results go through DRAM.
// y[rows] = out_scale * (M1 x1 + x2_scale * M2 x2 + bias), row-major fp32; M2 and
// bias are optional. M tiles at scratchpad row 0, x blocks at row 1024, y in the accumulator.
static void mv2(const float* M1, int cols1, const float* x1, const float* M2, int cols2, const float* x2,
                float x2_scale, const float* bias, float* y, int rows, float out_scale) {
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(4, out_scale);
  config_ld(4, 1.0f, 4, 2);
  for (int rb = 0; rb < rows / 4; rb++) {
    const uint32_t acc = (1u << 31) + 4 * rb;
    int first = 1;
    if (bias) {
      mvin3(bias + 4 * rb, acc, 1, 4);
      first = 0;
    }
    config_ld(cols1 * 4, 1.0f, 4, 0);
    config_ld(4, 1.0f, 4, 1);
    for (int cb = 0; cb < cols1 / 4; cb++) {
      mvin(M1 + 4 * rb * cols1 + 4 * cb, 0, 4, 4);
      mvin2(x1 + 4 * cb, 1024, 1, 4);
      preload(1024, acc | (first ? 0 : (1u << 30)), 1, 4, 1, 4);
      compute_preloaded(0, GARBAGE_ADDR, 4, 4, 4, 4);
      first = 0;
    }
    if (M2) {
      config_ld(cols2 * 4, 1.0f, 4, 0);
      config_ld(4, x2_scale, 4, 1);
      for (int cb = 0; cb < cols2 / 4; cb++) {
        mvin(M2 + 4 * rb * cols2 + 4 * cb, 0, 4, 4);
        mvin2(x2 + 4 * cb, 1024, 1, 4);
        preload(1024, acc | (1u << 30), 1, 4, 1, 4);
        compute_preloaded(0, GARBAGE_ADDR, 4, 4, 4, 4);
      }
    }
    mvout(y + 4 * rb, acc, 1, 4);
  }
  fence();
}

void solution(float Kinf[4][12], float x[12][1], float d[4][1], float u[4][1]) {
  mv2(&Kinf[0][0], 12, &x[0][0], NULL, 0, NULL, 0, &d[0][0], &u[0][0], 4, -1.0f);
}
