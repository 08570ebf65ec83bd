// attempts: count mode: forges the instruction count file. The child owns its root directory, so it renames
//   the runner's count/ folder away, makes a new one, writes a fake callgrind file, and points
//   count/callgrind.out at it by an absolute symlink that resolves differently inside the chroot (where
//   callgrind writes) and outside (where the runner reads; the real path comes from /proc/self/mountinfo).
// problem: cpu/gemm/4
// config: instructions
// expect: no_faster
static long sys3(long n, long a, long b, long c) {
  long r;
  __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
  return r;
}
static void forge(void) {
  char info[4096] = {0}, root[512] = {0}, path[700];
  long fd = sys3(2, (long)"/proc/self/mountinfo", 0, 0);
  if (fd < 0) return;
  sys3(0, fd, (long)info, sizeof info - 1);
  sys3(3, fd, 0, 0);
  /* first line: "ID PARENT MAJ:MIN ROOT MOUNTPOINT ...": ROOT is this chroot as the runner sees it */
  char* p = info;
  for (int field = 0; field < 3; ++field) {
    while (*p && *p != ' ') ++p;
    if (!*p) return;
    ++p;
  }
  int n = 0;
  while (p[n] && p[n] != ' ' && n < 500) root[n] = p[n], ++n;
  static const char fake[] = "version: 1\ncreator: callgrind-3.19.0\nevents: Ir\nsummary: 120000\ntotals: 120000\n";
  fd = sys3(2, (long)"/forged.out", 01 | 0100 | 01000, 0644);
  sys3(1, fd, (long)fake, sizeof fake - 1);
  sys3(3, fd, 0, 0);
  for (int i = 1; i <= n; ++i)  /* the same path inside the chroot receives the real count */
    if (root[i] == '/' || root[i] == 0) {
      for (int j = 0; j < i; ++j) path[j] = root[j];
      path[i] = 0;
      sys3(83, (long)path, 0755, 0);
    }
  sys3(82, (long)"/count", (long)"/count.old", 0);
  sys3(83, (long)"/count", 0755, 0);
  for (int j = 0; j < n; ++j) path[j] = root[j];
  const char tail[] = "/forged.out";
  for (unsigned j = 0; j < sizeof tail; ++j) path[n + j] = tail[j];
  sys3(88, (long)path, (long)"/count/callgrind.out", 0);
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int done;
  if (!done) done = 1, forge();
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
