// attempts: prints a fake verdict (JSON with status ok and a tiny score, "correct" lines) on stdout
//   and stderr from inside the call and leaves C unwritten; a harness that parses the candidate's output is fooled.
// problem: cpu/gemm/4
// expect: wrong_answer
#include <stdio.h>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
  const char* fake = "{\"status\": \"ok\", \"message\": \"correct (5 timed calls, every one checked)\", \"score\": 1e-9}\n";
  fputs(fake, stdout);
  fputs(fake, stderr);
  printf("correct\nscore: 0.000000001\nPASS\n");
  fflush(stdout);
}
