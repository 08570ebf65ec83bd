// attempts: #include "/etc/passwd" (world-readable) inside an initializer so every line produces a
//   diagnostic with a source excerpt: the file's content would appear in the compile log.
// problem: cpu/gemm/4
// expect: rejected
// leak: /etc/passwd
static const char* leak[] = {
#include "/etc/passwd"
};
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C, (void)leak;
}
