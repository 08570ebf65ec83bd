// attempts: do the work, then return with the callee-saved registers s0-s11
//   replaced by the current cycle count. The gemm harness keeps its
//   "start = rdcycle" in s0 across the call, so a guest-reported span
//   (end - start) collapses to a few cycles; only the simulator's own count
//   may be the score.
// problem: gemmini/gemm/2
// expect: no_faster
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
        "\trdcycle s0\n\tmv s1, s0\n\tmv s2, s0\n\tmv s3, s0\n\tmv s4, s0\n\tmv s5, s0\n"
        "\tmv s6, s0\n\tmv s7, s0\n\tmv s8, s0\n\tmv s9, s0\n\tmv s10, s0\n\tmv s11, s0\n"
        "\tret\n\t.size solution, .-solution\n");
