// attempts: make the evaluator report an infrastructure error for a
//   candidate that computes C correctly: 200,000 unknown-funct Gemmini
//   instructions (skipped by its own trap handler) each add a diagnostic,
//   which nothing caps, so the simulator's verdict outgrows the sandbox's
//   16 MiB verdict channel, arrives truncated and reads as "no verdict".
//   A candidate that can turn any run into infra_error is never refuted
//   (infra errors are not cached and a final re-check that hits one keeps
//   the first score); fewer diagnostics give an "ok" with a trace of MBs.
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
__asm__("\t.text\n\t.balign 4\nskip_trap:\n"
        "\tcsrr t0, mepc\n\taddi t0, t0, 4\n\tcsrw mepc, t0\n\tmret\n");
extern char skip_trap[] __asm__("skip_trap");
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  uintptr_t old;
  __asm__ volatile("csrrw %0, mtvec, %1" : "=r"(old) : "r"(skip_trap));
  for (int i = 0; i < 200000; i++) gemmini_rocc(22, 0, 0);  // no such Gemmini funct
  __asm__ volatile("csrw mtvec, %0" ::"r"(old));
  work(A, B, C);
}
