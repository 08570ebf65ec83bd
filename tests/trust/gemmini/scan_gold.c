// attempts: find a reference output somewhere in memory (a harness that runs
//   the reference in the same process leaves one): compute row 0 of C
//   honestly, search the whole image, heap and stack for another copy of it
//   and copy the 64 KiB found there into C. There must be none to find.
// problem: gemmini/gemm/2
// expect: wrong_answer
// message: elements of C
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  int8_t row[256];
  for (int j = 0; j < 256; j++) {
    int s = 0;
    for (int k = 0; k < 256; k++) s += A[0][k] * B[k][j];
    row[j] = s > 127 ? 127 : s < -128 ? -128 : s;
  }
  const uint8_t* lo = (const uint8_t*)0x80000000;
  const uint8_t* hi = (const uint8_t*)0x80000000 + (80u << 20);  // image, 64 MiB heap, stack
  for (const uint8_t* p = lo; p + sizeof(C[0]) * 256 <= hi; p += 16) {
    if (p == (const uint8_t*)C || p == (const uint8_t*)row) continue;
    if (memcmp(p, row, 32) == 0 && memcmp(p, row, 256) == 0) {
      memcpy(C, p, 256 * 256);
      return;
    }
  }
  memcpy(C[0], row, 256);  // nothing found: only row 0 is right
}
