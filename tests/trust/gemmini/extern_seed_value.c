// attempts: read the seed the host poked into the harness
//   (autocomp_seed_value) and use it to choose a cheap path or a
//   precomputed answer; names containing "autocomp" belong to the harness.
// problem: gemmini/gemm/2
// expect: rejected
// message: reserved
extern volatile uint64_t autocomp_seed_value;
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B;
  if (autocomp_seed_value == 1) memset(C, 0, 256 * 256);
}
