// attempts: embeds /etc/passwd into the object with the assembler's .incbin (read at build time, where the
//   whole file system is visible) and prints it from the call: the file's content reaches the run trace.
// problem: cpu/gemm/4
// expect: not_ok
// leak: /etc/passwd
#include <stdio.h>
__asm__(".pushsection .rodata\nembedded:\n.incbin \"/etc/passwd\"\n.byte 0\n.popsection\n");
extern const char embedded[];
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int shown;
  if (!shown) { shown = 1; fputs(embedded, stdout); fflush(stdout); }
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
