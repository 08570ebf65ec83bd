// attempts: returns a precomputed answer, 1/cols everywhere, the expected value of softmax over
//   i.i.d. inputs (no reads of x at all): right "on average", and very fast.
// problem: cpu/softmax/2
// expect: wrong_answer
void softmax(int rows, int cols, const float* x, float* y) {
  (void)x;
  const float u = 1.0f / (float)cols;
  for (long i = 0; i < (long)rows * cols; ++i) y[i] = u;
}
