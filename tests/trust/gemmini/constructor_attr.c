// attempts: run code before main via __attribute__((constructor)) (outside
//   the measured call): compute there and make solution() nearly free.
// problem: gemmini/gemm/2
// expect: rejected
// message: constructor
static int ready;
__attribute__((constructor)) static void early(void) { ready = 1; }
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B;
  if (ready) C[0][0] = 0;
}
