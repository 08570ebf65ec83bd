// attempts: rewrites the shared header (the dims and buffer offsets the harness uses) after the first call so
//   later calls, and a harness that read its dims back from shared memory, check a 1x1x1 problem.
// problem: cpu/gemm/4
// expect: wrong_answer
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  static int calls;
  if (calls++ == 0 || M > 1) {
    for (int i = 0; i < M && (calls == 1 || i < 1); ++i)
      for (int j = 0; j < N && (calls == 1 || j < 1); ++j) {
        float s = 0.0f;
        for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
        C[i * N + j] = s;
      }
  }
  long* header = (long*)((char*)A - 8192);
  if (header[0] == 0x61636d70636c6c31L) header[2] = header[3] = header[4] = 1;  /* dim[0..2] */
}
