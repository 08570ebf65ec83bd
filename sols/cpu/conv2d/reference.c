// Reference for the conv2d problems: double accumulation, plus Σ|w·x| per output.
#include <math.h>

void reference_conv2d(int N, int C, int H, int W, int K, const float* input, const float* weight,
                      double* output, double* magnitude) {
  int OH = H - 2, OW = W - 2;
  for (int n = 0; n < N; ++n) {
    for (int k = 0; k < K; ++k) {
      for (int y = 0; y < OH; ++y) {
        for (int x = 0; x < OW; ++x) {
          double sum = 0.0, mag = 0.0;
          for (int c = 0; c < C; ++c) {
            for (int r = 0; r < 3; ++r) {
              for (int s = 0; s < 3; ++s) {
                double p = (double)weight[((k * C + c) * 3 + r) * 3 + s] *
                           (double)input[((n * C + c) * H + y + r) * W + x + s];
                sum += p;
                mag += fabs(p);
              }
            }
          }
          output[((n * K + k) * OH + y) * OW + x] = sum;
          magnitude[((n * K + k) * OH + y) * OW + x] = mag;
        }
      }
    }
  }
}
