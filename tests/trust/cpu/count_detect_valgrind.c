// attempts: count mode detection without the client request: looks for Valgrind in /proc/self/maps and the
//   environment, checks CPUID for the features Valgrind hides, and times a loop with rdtsc; when it thinks
//   it is being counted it skips the work (a counted-only check would see a cheap, "correct" call).
// problem: cpu/gemm/4
// config: instructions
// expect: wrong_answer
#include <cpuid.h>
#include <x86intrin.h>
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
static const char* find(const char* hay, const char* needle) {  /* strstr is not on the allowlist */
  for (; *hay; ++hay) {
    const char *h = hay, *n = needle;
    while (*n && *h == *n) ++h, ++n;
    if (!*n) return hay;
  }
  return 0;
}
static int counted(void) {
  static char maps[16384];
  long fd = sys3(2, (long)"/proc/self/maps", 0, 0), n = 0;
  if (fd >= 0) {
    for (long got; n < (long)sizeof maps - 1 && (got = sys3(0, fd, (long)(maps + n), sizeof maps - 1 - n)) > 0;) n += got;
    sys3(3, fd, 0, 0);
  }
  maps[n] = 0;
  if (find(maps, "valgrind") || find(maps, "vgpreload")) return 1;
  unsigned a, b, c, d;
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d) && !(b & (1u << 16))) {  /* no AVX-512F reported */
    unsigned long long t0 = __rdtsc();
    for (volatile int i = 0; i < 1000; ++i) {}
    if (__rdtsc() - t0 > 200000) return 1;  /* far slower than native */
  }
  return 0;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int under_counter = -1;
  if (under_counter < 0) under_counter = counted();
  if (under_counter) return;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
