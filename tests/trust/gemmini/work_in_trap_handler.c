// attempts: do all the work inside a machine-mode trap handler the candidate
//   installs (mtvec), entered by ebreak: a counter that only counts ordinary
//   retired instructions, or stops counting in trap mode, would score the
//   call at a handful of instructions.
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
static int8_t (*pa)[256], (*pb)[256], (*pc)[256];
__attribute__((used, noinline)) static void run(void) { work(pa, pb, pc); }
__asm__("\t.text\n\t.balign 4\nhandler:\n"
        "\taddi sp, sp, -16\n\tsd ra, 8(sp)\n\tcall run\n\tld ra, 8(sp)\n\taddi sp, sp, 16\n"
        "\tcsrr t0, mepc\n\tlhu t1, 0(t0)\n\tandi t1, t1, 3\n\tli t2, 3\n\taddi t0, t0, 2\n"
        "\tbne t1, t2, 1f\n\taddi t0, t0, 2\n1:\tcsrw mepc, t0\n\tmret\n");
extern char handler[] __asm__("handler");
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  pa = A; pb = B; pc = C;
  uintptr_t old;
  __asm__ volatile("csrrw %0, mtvec, %1" : "=r"(old) : "r"(handler));
  __asm__ volatile("ebreak" ::: "memory", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a0", "a1", "a2", "a3",
                   "a4", "a5", "a6", "a7");
  __asm__ volatile("csrw mtvec, %0" ::"r"(old));
}
