// attempts: register an initializer through a raw .init_array entry written
//   in top-level asm (no constructor attribute for a source scan to see).
// problem: gemmini/gemm/2
// expect: rejected
// message: .init_array
static void early(void) {}
__asm__(".section .init_array,\"aw\"\n\t.balign 8\n\t.dword early\n\t.text");
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)A; (void)B; (void)C;
  (void)early;
}
