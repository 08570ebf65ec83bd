// attempts: #include "/etc/shadow" so the compiler's error messages quote the password hashes into the
//   compile log that is returned to the caller (and to the LLM prompt).
// problem: cpu/gemm/4
// expect: compile_error
// leak: /etc/shadow
#include "/etc/shadow"
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
}
