// Reference for the gemm problems: accumulates in double and also returns
// Σ|a|·|b| per element, which the harness's error bound needs.
#include <math.h>

void reference_gemm(int M, int N, int K, const float* A, const float* B, double* C,
                    double* magnitude) {
  for (long i = 0; i < (long)M * N; ++i) C[i] = magnitude[i] = 0.0;
  for (int i = 0; i < M; ++i) {
    for (int k = 0; k < K; ++k) {
      double a = A[i * K + k];
      double abs_a = fabs(a);
      for (int j = 0; j < N; ++j) {
        double b = B[k * N + j];
        C[i * N + j] += a * b;
        magnitude[i * N + j] += abs_a * fabs(b);
      }
    }
  }
}
