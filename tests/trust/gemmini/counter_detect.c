// attempts: read cycle/instret/time to detect that it is being measured by a
//   simulator (cycle == instret, as the model's counters are) and skip the
//   work only then, hoping the measured run is not also the checked one.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of C
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  uint64_t c0, i0, c1, i1;
  __asm__ volatile("rdcycle %0\n\trdinstret %1" : "=r"(c0), "=r"(i0));
  for (volatile int i = 0; i < 100; i++) {}
  __asm__ volatile("rdcycle %0\n\trdinstret %1" : "=r"(c1), "=r"(i1));
  if (c1 - c0 == i1 - i0) return;  // "simulated": pretend to be instant
  tiled_matmul_auto(256, 256, 256, &A[0][0], &B[0][0], NULL, &C[0][0], 256, 256, 256, 256, MVIN_SCALE_IDENTITY,
                    MVIN_SCALE_IDENTITY, 1, NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, false, false, false, false, false,
                    0, WS);
}
