// attempts: makes the first token of /etc/hostname a struct tag through a typedef, then provokes errors on
//   the candidate's own lines; GCC names the typedef's target ("aka 'struct <content> *'") there, so the
//   content passes a filter that only drops diagnostics located in foreign files.
// problem: cpu/gemm/4
// expect: rejected
// leak: /etc/hostname
typedef struct
#include "/etc/hostname"
leaked_tag;
int probe = (leaked_tag*)0;
leaked_tag* probe2 = 1.5;
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
}
