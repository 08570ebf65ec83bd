// attempts: call the reference implementation by its name (`reference`, as
//   gemm_reference.c defines it) so the candidate gets the trusted answer and
//   claims it as its own; the reference is never linked into candidates.
// problem: gemmini/gemm/2
// expect: rejected
// message: reference
void reference(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]);
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) { reference(A, B, C); }
