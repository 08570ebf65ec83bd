// attempts: call exit(0) from inside solution: the program ends "successfully"
//   before the harness's checks (and before any measurement stop) run.
// problem: gemmini/gemm/2
// expect: rejected
// message: exit
#include <stdlib.h>
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  exit(0);
}
