// attempts: change the inputs so the wrong output looks right: zero A and B
//   and write C = 0, which is A*B for the modified inputs. A checker that
//   recomputes A*B from the memory after the call would accept it.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of A
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  memset(A, 0, 256 * 256);
  memset(B, 0, 256 * 256);
  memset(C, 0, 256 * 256);
}
