/* backends/cpu/harness/conv2d_call.c — how the call stub calls a conv2d
 * solution: dims N,C,H,W,K; buffers input, weight, then the output. */
#include "call_protocol.h"

void conv2d(int N, int C, int H, int W, int K, const float* input, const float* weight, float* output);

void autocomp_invoke(const struct autocomp_shm_header* h, char* base) {
  conv2d((int)h->dim[0], (int)h->dim[1], (int)h->dim[2], (int)h->dim[3], (int)h->dim[4],
         (const float*)(base + h->offset[0]), (const float*)(base + h->offset[1]), (float*)(base + h->offset[2]));
}
