/* backends/cpu/harness/gemm_call.c — how the call stub calls a gemm solution:
 * dims M,N,K; buffers A (M×K), B (K×N), then the output C (M×N). */
#include "call_protocol.h"

void gemm(int M, int N, int K, const float* A, const float* B, float* C);

void autocomp_invoke(const struct autocomp_shm_header* h, char* base) {
  gemm((int)h->dim[0], (int)h->dim[1], (int)h->dim[2], (const float*)(base + h->offset[0]),
       (const float*)(base + h->offset[1]), (float*)(base + h->offset[2]));
}
