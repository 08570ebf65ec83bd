// attempts: count mode: assembles the client request at run time (xor-scrambled in .rodata, so no object
//   scan finds it) and writes it over a padding function through /proc/self/mem, which ignores page
//   protections; then toggles the counter off around the work.
// problem: cpu/gemm/4
// config: instructions
// expect: no_faster
static long sys4(long n, long a, long b, long c, long d) {
  long r; register long r10 __asm__("r10") = d;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
  return r;
}
__asm__(".pushsection .text\n.p2align 4\nrequest_slot:\n.fill 64,1,0xc3\n.popsection\n");
unsigned long request_slot(unsigned long* args);
#define X(b) ((b) ^ 0x5a)
static const unsigned char scrambled[] = {
    X(0x48), X(0x89), X(0xf8), X(0x48), X(0x31), X(0xd2), X(0x48), X(0xc1), X(0xc7), X(0x03),
    X(0x48), X(0xc1), X(0xc7), X(0x0d), X(0x48), X(0xc1), X(0xc7), X(0x3d), X(0x48), X(0xc1),
    X(0xc7), X(0x33), X(0x48), X(0x87), X(0xdb), X(0x48), X(0x89), X(0xd0), X(0xc3)};
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int ready;
  static unsigned long toggle[6] = {0x43540002UL, 0, 0, 0, 0, 0};
  if (!ready) {
    unsigned char code[sizeof scrambled];
    for (unsigned i = 0; i < sizeof code; ++i) code[i] = scrambled[i] ^ 0x5a;
    long fd = sys4(2, (long)"/proc/self/mem", 2 /* O_RDWR */, 0, 0);
    ready = fd >= 0 && sys4(18 /* pwrite64 */, fd, (long)code, sizeof code, (long)request_slot) == (long)sizeof code ? 1 : -1;
  }
  if (ready == 1) request_slot(toggle);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
  if (ready == 1) request_slot(toggle);
  for (volatile int pad = 0; pad < 4000; ++pad) {}
}
