// attempts: rewrite the machine counters the guest can see (csrw mcycle,
//   minstret; csrrw on their high aliases) at entry and right before return,
//   so a harness that brackets the call with rdcycle/rdinstret would read a
//   tiny or negative span. The trusted count must not move.
// problem: gemmini/gemm/2
// expect: no_faster
static void work(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
  config_st(256);
  config_ld(256, 1.0f, 16, 0);
  config_ld(256, 1.0f, 16, 1);
  for (int io = 0; io < 16; io++)
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
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  __asm__ volatile("csrw mcycle, %0\n\tcsrw minstret, %0" ::"r"(~0ull >> 1));
  work(A, B, C);
  __asm__ volatile("csrw mcycle, zero\n\tcsrw minstret, zero");
}
