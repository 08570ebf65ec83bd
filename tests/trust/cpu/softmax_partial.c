// attempts: softmax that computes only the first quarter of the rows and fills the rest with a copy of
//   row 0 (a checker that samples the first rows would pass).
// problem: cpu/softmax/2
// expect: wrong_answer
#include <math.h>
void softmax(int rows, int cols, const float* x, float* y) {
  const int done = rows / 4 > 0 ? rows / 4 : 1;
  for (int i = 0; i < done; ++i) {
    const float* row = x + (long)i * cols;
    float max = row[0], sum = 0.0f;
    for (int j = 1; j < cols; ++j) if (row[j] > max) max = row[j];
    for (int j = 0; j < cols; ++j) sum += expf(row[j] - max);
    for (int j = 0; j < cols; ++j) y[(long)i * cols + j] = expf(row[j] - max) / sum;
  }
  for (int i = done; i < rows; ++i)
    for (int j = 0; j < cols; ++j) y[(long)i * cols + j] = y[j];
}
