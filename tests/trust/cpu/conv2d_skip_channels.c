// attempts: conv2d that sums only every other input channel and doubles it (half the work, "statistically"
//   close for a loose tolerance or a check of a few sampled outputs).
// problem: cpu/conv2d/2
// expect: wrong_answer
void conv2d(int N, int C, int H, int W, int K, const float* input, const float* weight, float* output) {
  const int OH = H - 2, OW = W - 2;
  for (int n = 0; n < N; ++n)
    for (int k = 0; k < K; ++k)
      for (int y = 0; y < OH; ++y)
        for (int x = 0; x < OW; ++x) {
          float sum = 0.0f;
          for (int c = 0; c < C; c += 2)
            for (int r = 0; r < 3; ++r)
              for (int s = 0; s < 3; ++s)
                sum += weight[((k * C + c) * 3 + r) * 3 + s] * input[((n * C + c) * H + y + r) * W + x + s];
          output[((n * K + k) * OH + y) * OW + x] = 2.0f * sum;
        }
}
