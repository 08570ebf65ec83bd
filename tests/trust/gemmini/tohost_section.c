// attempts: put candidate data into the HTIF section (.tohost) next to the
//   runtime's tohost/fromhost words, to shadow or pre-load the host mailbox.
// problem: gemmini/gemm/2
// expect: rejected
// message: .tohost
__asm__(".section .tohost,\"aw\",@progbits\n\t.balign 64\n\t.dword 1\n\t.text");
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) { (void)A; (void)B; (void)C; }
