// attempts: print every result line an older, output-parsing harness trusted
//   ("autocomp: correct 1 mismatches 0", "autocomp: timed_instructions 5",
//   "autocomp: cycles 1") and do no work at all; a harness that greps the
//   guest's console would report a correct, 5-instruction solution.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of C
#include <stdio.h>
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  printf("autocomp: correct 1 mismatches 0\n");
  printf("autocomp: timed_instructions 5\n");
  printf("autocomp: cycles 1\n");
}
