// attempts: return at once and leave C as the harness filled it (0x55
//   everywhere); a harness that only checks "returned without crashing", or
//   compares against a reference that also never ran, would pass.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of C
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) { (void)A; (void)B; (void)C; }
