// attempts: reads the parent's (the harness's) memory for the reference: /proc/<ppid>/mem, /proc/1/mem,
//   process_vm_readv and ptrace attach; copies whatever it got into C. Announces any success.
// problem: cpu/gemm/4
// expect: wrong_answer
// trace_lacks: BREACH
#include <stdio.h>
#include <sys/uio.h>
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  long r; register long r10 __asm__("r10") = d; register long r8 __asm__("r8") = e; register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)K, (void)A, (void)B;
  const long ppid = sys6(110, 0, 0, 0, 0, 0, 0);
  char path[64];
  for (long pid = 1; pid <= ppid; ++pid) {
    snprintf(path, sizeof path, "/proc/%ld/mem", pid);
    long fd = sys6(2, (long)path, 0, 0, 0, 0, 0);
    if (fd >= 0) {
      char probe[16];
      if (sys6(17, fd, (long)probe, sizeof probe, 0x400000, 0, 0) > 0) printf("BREACH: read %s\n", path);
      sys6(3, fd, 0, 0, 0, 0, 0);
    }
    struct iovec local = {C, sizeof(float) * (size_t)M * N}, remote = {(void*)0x400000, sizeof(float) * (size_t)M * N};
    if (sys6(310, pid, (long)&local, 1, (long)&remote, 1, 0) > 0) printf("BREACH: process_vm_readv on %ld\n", pid);
    if (sys6(101, 16 /* PTRACE_ATTACH */, pid, 0, 0, 0, 0) == 0) printf("BREACH: ptrace attached to %ld\n", pid);
  }
  fflush(stdout);
}
