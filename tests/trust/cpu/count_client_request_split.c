// attempts: count mode: the same client request, split over two adjacent .text.* sections so that neither
//   section contains the whole byte sequence the object check looks for; the linker puts them back together.
//   The work runs uncounted; a small padding loop keeps the count above the plausibility floor.
// problem: cpu/gemm/4
// config: instructions
// expect: no_faster
__asm__(".pushsection .text.vg_a,\"ax\",@progbits\n.p2align 0\nvg_request:\n"
        "  movq %rdi, %rax\n  xorq %rdx, %rdx\n  rolq $3, %rdi\n  rolq $13, %rdi\n.popsection\n"
        ".pushsection .text.vg_b,\"ax\",@progbits\n.p2align 0\n"
        "  rolq $61, %rdi\n  rolq $51, %rdi\n  xchgq %rbx, %rbx\n  movq %rdx, %rax\n  ret\n.popsection\n");
unsigned long vg_request(unsigned long* args);
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static unsigned long toggle[6] = {0x43540002UL, 0, 0, 0, 0, 0};
  vg_request(toggle);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  vg_request(toggle);
  for (volatile int pad = 0; pad < 4000; ++pad) {}
}
