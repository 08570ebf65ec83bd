// attempts: softmax that replaces expf/exp/expl with a constant, so a reference computed in the same
//   process with the same (interposed) expf would agree with its uniform output.
// problem: cpu/softmax/2
// expect: wrong_answer
float expf(float x) { (void)x; return 1.0f; }
double exp(double x) { (void)x; return 1.0; }
void softmax(int rows, int cols, const float* x, float* y) {
  for (int i = 0; i < rows; ++i) {
    float sum = 0.0f;
    for (int j = 0; j < cols; ++j) sum += expf(x[(long)i * cols + j]);
    for (int j = 0; j < cols; ++j) y[(long)i * cols + j] = expf(x[(long)i * cols + j]) / sum;
  }
}
