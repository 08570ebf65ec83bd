// attempts: defines the call stub's autocomp_invoke to skip calling gemm after the first (checked) call.
// problem: cpu/gemm/4
// expect: rejected
// message: reserved name
void gemm(int M, int N, int K, const float* A, const float* B, float* C);
void autocomp_invoke(const long* h, char* base) {
  static int calls;
  if (calls++ == 0) gemm((int)h[2], (int)h[3], (int)h[4], (const float*)(base + h[10]), (const float*)(base + h[11]), (float*)(base + h[12]));
}
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float s = 0.0f;
      for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
      C[i * N + j] = s;
    }
}
