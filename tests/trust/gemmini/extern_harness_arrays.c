// attempts: reach the harness's arrays by name (extern A/B/C) instead of the
//   arguments, e.g. to write a result the comparison would read from
//   somewhere else, or to read data the harness keeps private.
// problem: gemmini/gemm/2
// expect: rejected
extern int8_t A[256][256], B[256][256], C[256][256];
void solution(int8_t a[256][256], int8_t b[256][256], int8_t c[256][256]) {
  (void)a; (void)b; (void)c;
  memcpy(C, A, sizeof C);
  B[0][0] = 0;
}
