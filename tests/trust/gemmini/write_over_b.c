// attempts: compute C correctly, then scribble over another harness array
//   (B, the input right after C in memory) as scratch space; the contract
//   says not to write outside C and the comparison covers every array.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of B
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
  work(A, B, C);
  for (int j = 0; j < 256; j++) B[255][j] ^= 0x40;
}
