// attempts: do the work, then "return" one instruction past the call site
//   with the right stack pointer: the harness continues, but pc never equals
//   the recorded return address, so a breakpoint-at-return counter never
//   stops and a guest-side bracket would be skipped or run on other values.
// problem: gemmini/gemm/2
// expect: runtime_error
// message: did not return
__attribute__((used, noinline)) static void work(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
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
__asm__("\t.text\n\t.globl solution\n\t.type solution, @function\nsolution:\n"
        "\taddi sp, sp, -16\n\tsd ra, 8(sp)\n\tcall work\n\tld ra, 8(sp)\n\taddi sp, sp, 16\n"
        "\tlhu t0, 0(ra)\n\tandi t0, t0, 3\n\tli t1, 3\n\taddi ra, ra, 2\n"
        "\tbne t0, t1, 1f\n\taddi ra, ra, 2\n1:\tret\n"
        "\t.size solution, .-solution\n");
