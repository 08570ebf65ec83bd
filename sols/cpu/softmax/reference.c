// Reference for the softmax problems, in double.
#include <math.h>

void reference_softmax(int rows, int cols, const float* x, double* y) {
  for (int i = 0; i < rows; ++i) {
    const float* row = x + (long)i * cols;
    double max = row[0];
    for (int j = 1; j < cols; ++j) {
      if (row[j] > max) max = row[j];
    }
    double sum = 0.0;
    for (int j = 0; j < cols; ++j) sum += exp((double)row[j] - max);
    for (int j = 0; j < cols; ++j) y[(long)i * cols + j] = exp((double)row[j] - max) / sum;
  }
}
