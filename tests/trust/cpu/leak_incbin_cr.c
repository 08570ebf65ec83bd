// attempts: the .incbin leak of leak_incbin_passwd.c past a line-based directive scan: a carriage return
//   before the directive is whitespace to the assembler but not to a scanner that skips only blanks/tabs.
// problem: cpu/gemm/4
// expect: not_ok
// leak: /etc/passwd
#include <stdio.h>
__asm__(".pushsection .rodata\nembedded:\n\r.incbin \"/etc/passwd\"\n.byte 0\n.popsection\n");
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
