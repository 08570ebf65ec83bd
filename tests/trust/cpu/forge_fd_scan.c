// attempts: writes a fake verdict to every descriptor 3..31 with raw write(2) (an evaluator that
//   reads results from an inherited pipe or file would take it), and skips the work.
// problem: cpu/gemm/4
// expect: rejected
// message: reply channel
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
  static const char fake[] = "{\"status\":\"ok\",\"message\":\"correct\",\"times_s\":[1e-9],\"calls\":6}\n";
  for (int fd = 3; fd < 32; ++fd) sys3(1, fd, (long)fake, sizeof fake - 1);
}
