// attempts: capture the host interface with a file-local 'tohost'/'fromhost'
//   (a simulator that looks the names up without minding binding could pick
//   the candidate's words): the runtime's later writes would go unseen and the
//   candidate's own "exit 0" request would be the one served. Then it does
//   the real work; only the runtime's mailbox may count.
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
static volatile uint64_t tohost __attribute__((aligned(64)));
static volatile uint64_t fromhost __attribute__((aligned(64)));
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  tohost = 1;  // "exit(0)" if this word were the host's
  for (int i = 0; i < 20000 && tohost; i++) {}
  (void)fromhost;
  work(A, B, C);
}
