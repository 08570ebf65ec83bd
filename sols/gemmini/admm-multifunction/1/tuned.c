// Hand-tuned forward rollout: the three matrices stay in the scratchpad for
// all steps (moved in once, tile by tile);
// the negation of u is folded into the loads (-Kinf, -d), so both results
// move out unscaled and the configuration is set once. Per step, each block
// of x[i] is preloaded once and serves Kinf and all three Adyn row tiles
// (Kinf x and Adyn x merged into one pass); u[i] goes through DRAM once to
// feed Bdyn u. Two fences per step: before u[i] and x[i+1] are moved back in.
void solution(float Adyn[12][12], float Bdyn[12][4], float Kinf[4][12], float x[6][12][1], float d[5][4][1],
              float u[5][4][1]) {
  const uint32_t acc_u = 1u << 31, acc_x = (1u << 31) + 16, accum = 1u << 30;
  // scratchpad: -Kinf tiles at 0..11, Adyn tile (rb, cb) at 16 + 12 rb + 4 cb,
  // Bdyn tile rb at 64 + 4 rb, x blocks at 128.., u at 144
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(4, 1.0f);
  config_ld(12 * 4, -1.0f, 4, 0);
  for (int cb = 0; cb < 3; cb++) mvin(&Kinf[0][4 * cb], 4 * cb, 4, 4);
  config_ld(12 * 4, 1.0f, 4, 0);
  for (int rb = 0; rb < 3; rb++)
    for (int cb = 0; cb < 3; cb++) mvin(&Adyn[4 * rb][4 * cb], 16 + 12 * rb + 4 * cb, 4, 4);
  config_ld(4 * 4, 1.0f, 4, 0);
  for (int rb = 0; rb < 3; rb++) mvin(&Bdyn[4 * rb][0], 64 + 4 * rb, 4, 4);
  config_ld(4, 1.0f, 4, 1);
  config_ld(4, -1.0f, 4, 2);
  for (int i = 0; i < 5; i++) {
    mvin3(&d[i][0][0], acc_u, 1, 4);
    for (int cb = 0; cb < 3; cb++) mvin2(&x[i][4 * cb][0], 128 + 4 * cb, 1, 4);
    for (int cb = 0; cb < 3; cb++) {
      preload(128 + 4 * cb, acc_u | accum, 1, 4, 1, 4);
      compute_preloaded(4 * cb, GARBAGE_ADDR, 4, 4, 4, 4);
      for (int rb = 0; rb < 3; rb++) {
        preload(GARBAGE_ADDR, (acc_x + 4 * rb) | (cb ? accum : 0), 1, 4, 1, 4);
        compute_accumulated(16 + 12 * rb + 4 * cb, GARBAGE_ADDR, 4, 4, 4, 4);
      }
    }
    mvout(&u[i][0][0], acc_u, 1, 4);
    fence();  // u[i] is read back below
    mvin2(&u[i][0][0], 144, 1, 4);
    preload(144, acc_x | accum, 1, 4, 1, 4);
    compute_preloaded(64, GARBAGE_ADDR, 4, 4, 4, 4);
    for (int rb = 1; rb < 3; rb++) {
      preload(GARBAGE_ADDR, (acc_x + 4 * rb) | accum, 1, 4, 1, 4);
      compute_accumulated(64 + 4 * rb, GARBAGE_ADDR, 4, 4, 4, 4);
    }
    for (int rb = 0; rb < 3; rb++) mvout(&x[i + 1][4 * rb][0], acc_x + 4 * rb, 1, 4);
    fence();  // x[i+1] is read by the next step
  }
}
