// Hand-tuned: configuration set once; the negation folded into the
// loads (Kinf and d moved in scaled by -1), so u = -d + (-Kinf) x accumulates
// directly and is moved out unscaled; every x block is preloaded once.
void solution(float Kinf[4][12], float x[12][1], float d[4][1], float u[4][1]) {
  const uint32_t acc = 1u << 31;
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(4, 1.0f);
  config_ld(12 * 4, -1.0f, 4, 0);  // -Kinf rows
  config_ld(4, 1.0f, 4, 1);        // x: one float per row
  config_ld(4, -1.0f, 4, 2);       // -d into the accumulator
  for (int cb = 0; cb < 3; cb++) mvin(&Kinf[0][4 * cb], 4 * cb, 4, 4);
  mvin2(&x[0][0], 16, 1, 4);
  mvin2(&x[4][0], 20, 1, 4);
  mvin2(&x[8][0], 24, 1, 4);
  mvin3(&d[0][0], acc, 1, 4);
  for (int cb = 0; cb < 3; cb++) {
    preload(16 + 4 * cb, acc | (1u << 30), 1, 4, 1, 4);
    compute_preloaded(4 * cb, GARBAGE_ADDR, 4, 4, 4, 4);
  }
  mvout(&u[0][0], acc, 1, 4);
  fence();
}
