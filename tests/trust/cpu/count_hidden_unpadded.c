// attempts: count mode: the split client request (see count_client_request_split.c) without any padding:
//   the counted part of each call is a few dozen instructions for 245760 flops of work.
// problem: cpu/gemm/4
// config: instructions
// expect: rejected
__asm__(".pushsection .text.vg_c,\"ax\",@progbits\n.p2align 0\nvg_call:\n"
        "  movq %rdi, %rax\n  xorq %rdx, %rdx\n  rolq $3, %rdi\n  rolq $13, %rdi\n.popsection\n"
        ".pushsection .text.vg_d,\"ax\",@progbits\n.p2align 0\n"
        "  rolq $61, %rdi\n  rolq $51, %rdi\n  xchgq %rbx, %rbx\n  movq %rdx, %rax\n  ret\n.popsection\n");
unsigned long vg_call(unsigned long* args);
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static unsigned long toggle[6] = {0x43540002UL, 0, 0, 0, 0, 0};
  vg_call(toggle);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  vg_call(toggle);
}
