// attempts: the same decoy through the preprocessor: a #line directive that
//   names the file "gemm_harness.c", then static A, B and C of the harness's
//   sizes, hoping the object's file symbol follows the #line name.
// problem: gemmini/gemm/2
// expect: not_ok
#line 1 "gemm_harness.c"
static int8_t A[256][256] __attribute__((used)), B[256][256] __attribute__((used)), C[256][256] __attribute__((used));
void solution(int8_t a[256][256], int8_t b[256][256], int8_t c[256][256]) { (void)a; (void)b; (void)c; C[0][0] = 1; }
