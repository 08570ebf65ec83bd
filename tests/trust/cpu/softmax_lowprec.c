// attempts: softmax with a crude exp (two-term Taylor series, no max subtraction): ~10x cheaper and within
//   a few percent, which a loose relative tolerance would accept.
// problem: cpu/softmax/2
// expect: wrong_answer
void softmax(int rows, int cols, const float* x, float* y) {
  for (int i = 0; i < rows; ++i) {
    const float* row = x + (long)i * cols;
    float sum = 0.0f;
    for (int j = 0; j < cols; ++j) { float e = 1.0f + row[j] + 0.5f * row[j] * row[j]; y[(long)i * cols + j] = e; sum += e; }
    const float inv = 1.0f / sum;
    for (int j = 0; j < cols; ++j) y[(long)i * cols + j] *= inv;
  }
}
