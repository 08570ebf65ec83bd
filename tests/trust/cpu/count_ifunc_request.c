// attempts: count mode: an IFUNC resolver (run by the static binary's start-up code, before main and before
//   the call stub loads its no-executable-memory filter) maps a writable+executable page; the first call
//   writes the client request there and toggles the counter off around the work.
// problem: cpu/gemm/4
// config: instructions
// expect: rejected
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  long r; register long r10 __asm__("r10") = d; register long r8 __asm__("r8") = e; register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
  return r;
}
static unsigned char* page;
static void real_gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static unsigned long toggle[6] = {0x43540002UL, 0, 0, 0, 0, 0};
  typedef unsigned long (*request_fn)(unsigned long*);
  if (page && page[0] != 0x48) {
    static const unsigned char code[] = {0x48, 0x89, 0xf8, 0x48, 0x31, 0xd2, 0x48, 0xc1, 0xc7, 0x03 ^ 0, 0x48, 0xc1,
                                         0xc7, 0x0d, 0x48, 0xc1, 0xc7, 0x3d, 0x48, 0xc1, 0xc7, 0x33, 0x48, 0x87, 0xdb,
                                         0x48, 0x89, 0xd0, 0xc3};
    for (unsigned i = 1; i < sizeof code; ++i) page[i] = code[i];
    page[0] = code[0];
  }
  if (page) ((request_fn)page)(toggle);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  if (page) ((request_fn)page)(toggle);
  for (volatile int pad = 0; pad < 4000; ++pad) {}
}
static void* resolve(void) {
  long p = sys6(9, 0, 4096, 7 /* PROT_READ|PROT_WRITE|PROT_EXEC */, 0x22, -1, 0);
  if (p > 0 || p < -4096) page = (unsigned char*)p;
  return (void*)real_gemm;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) __attribute__((ifunc("resolve")));
