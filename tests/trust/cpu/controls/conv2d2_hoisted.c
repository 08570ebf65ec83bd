// control: conv2d with the output row as the vectorized inner loop and the 3x3 weights hoisted per channel
// problem: cpu/conv2d/2
// expect: ok
// faster_than_baseline: true
void conv2d(int N, int C, int H, int W, int K, const float* input, const float* weight, float* output) {
  const int OH = H - 2, OW = W - 2;
  for (int n = 0; n < N; ++n)
    for (int k = 0; k < K; ++k) {
      float* out = output + (long)(n * K + k) * OH * OW;
      for (int i = 0; i < OH * OW; ++i) out[i] = 0.0f;
      for (int c = 0; c < C; ++c) {
        const float* w = weight + (k * C + c) * 9;
        const float* in = input + (long)(n * C + c) * H * W;
        for (int y = 0; y < OH; ++y)
          for (int r = 0; r < 3; ++r) {
            const float w0 = w[r * 3], w1 = w[r * 3 + 1], w2 = w[r * 3 + 2];
            const float* src = in + (y + r) * W;
            float* dst = out + y * OW;
#pragma omp simd
            for (int x = 0; x < OW; ++x) dst[x] += w0 * src[x] + w1 * src[x + 1] + w2 * src[x + 2];
          }
      }
    }
}
