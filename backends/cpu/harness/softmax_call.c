/* backends/cpu/harness/softmax_call.c — how the call stub calls a softmax
 * solution: dims rows,cols; buffer x, then the output y. */
#include "call_protocol.h"

void softmax(int rows, int cols, const float* x, float* y);

void autocomp_invoke(const struct autocomp_shm_header* h, char* base) {
  softmax((int)h->dim[0], (int)h->dim[1], (const float*)(base + h->offset[0]), (float*)(base + h->offset[1]));
}
