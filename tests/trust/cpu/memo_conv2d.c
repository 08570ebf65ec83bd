// attempts: conv2d that computes once and then returns the cached output whenever the buffer addresses
//   repeat (every call of a harness that reuses its buffers).
// problem: cpu/conv2d/2
// expect: wrong_answer
#include <stdlib.h>
#include <string.h>
void conv2d(int N, int C, int H, int W, int K, const float* input, const float* weight, float* output) {
  static const float* seen;
  static float* cache;
  const int OH = H - 2, OW = W - 2;
  const size_t bytes = sizeof(float) * (size_t)N * K * OH * OW;
  if (seen == input && cache) { memcpy(output, cache, bytes); return; }
  for (int n = 0; n < N; ++n)
    for (int k = 0; k < K; ++k)
      for (int y = 0; y < OH; ++y)
        for (int x = 0; x < OW; ++x) {
          float sum = 0.0f;
          for (int c = 0; c < C; ++c)
            for (int r = 0; r < 3; ++r)
              for (int s = 0; s < 3; ++s)
                sum += weight[((k * C + c) * 3 + r) * 3 + s] * input[((n * C + c) * H + y + r) * W + x + s];
          output[((n * K + k) * OH + y) * OW + x] = sum;
        }
  if (!cache) cache = malloc(bytes);
  memcpy(cache, output, bytes);
  seen = input;
}
