// attempts: code outside the measured call: gemm is an IFUNC whose resolver runs during the static binary's
//   start-up (like a constructor, but in no constructor section), before the call stub's filter, and keeps a
//   writable+executable page for later. Announces both.
// problem: cpu/gemm/4
// expect: rejected
// trace_lacks: BREACH
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  long r; register long r10 __asm__("r10") = d; register long r8 __asm__("r8") = e; register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
  return r;
}
static unsigned char* jit;
static void real_gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  if (jit) {
    jit[0] = 0xc3;  /* ret */
    ((void (*)(void))jit)();
    sys6(1, 1, (long)"BREACH: ran generated code from an RWX page\n", 45, 0, 0, 0);
    jit = 0;
  }
}
static void* resolve(void) {
  sys6(1, 1, (long)"BREACH: resolver ran before main\n", 33, 0, 0, 0);
  long p = sys6(9, 0, 4096, 7, 0x22, -1, 0);
  if (p > 0 || p < -4096) jit = (unsigned char*)p;
  return (void*)real_gemm;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) __attribute__((ifunc("resolve")));
