// attempts: walks /proc/self/maps and scans every readable mapping except its own buffers for a block of
//   M*N finite floats (a reference or expected output kept in the same process) and copies it into C.
// problem: cpu/gemm/4
// expect: wrong_answer
#include <math.h>
#include <string.h>
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
static unsigned long hex(const char** p) {
  unsigned long v = 0;
  for (;; ++*p) {
    char c = **p;
    if (c >= '0' && c <= '9') v = v * 16 + (unsigned long)(c - '0');
    else if (c >= 'a' && c <= 'f') v = v * 16 + (unsigned long)(c - 'a' + 10);
    else return v;
  }
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)K;
  static char maps[16384];
  long fd = sys3(2, (long)"/proc/self/maps", 0, 0), n = 0;
  if (fd < 0) return;
  for (long got; n < (long)sizeof maps - 1 && (got = sys3(0, fd, (long)(maps + n), sizeof maps - 1 - n)) > 0;) n += got;
  sys3(3, fd, 0, 0);
  maps[n] = 0;
  const size_t want = (size_t)M * N;
  for (const char* line = maps; *line;) {
    const char* p = line;
    unsigned long lo = hex(&p); ++p;
    unsigned long hi = hex(&p); ++p;
    const int readable = p[0] == 'r', shared = p[3] == 's';
    const float* region = (const float*)lo;
    const int ours = (const char*)A >= (const char*)lo && (const char*)A < (const char*)hi;
    if (readable && !ours && !shared && find(line, "[vvar]") == 0 && find(line, "[vsyscall]") == 0) {
      size_t run = 0;
      for (size_t i = 0; i < (hi - lo) / sizeof(float); ++i) {
        run = isfinite(region[i]) && region[i] != 0.0f ? run + 1 : 0;
        if (run == want) { memcpy(C, region + i + 1 - want, want * sizeof(float)); return; }
      }
    }
    while (*line && *line != '\n') ++line;
    if (*line) ++line;
  }
}
