// Straightforward row-wise softmax: the starting point of the search.
#include <math.h>

void softmax(int rows, int cols, const float* x, float* y) {
  for (int i = 0; i < rows; ++i) {
    const float* row = x + (long)i * cols;
    float max = row[0];
    for (int j = 1; j < cols; ++j) {
      if (row[j] > max) max = row[j];
    }
    float sum = 0.0f;
    for (int j = 0; j < cols; ++j) {
      sum += expf(row[j] - max);
    }
    for (int j = 0; j < cols; ++j) {
      y[(long)i * cols + j] = expf(row[j] - max) / sum;
    }
  }
}
