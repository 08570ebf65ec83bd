// attempts: resource abuse: allocates and touches memory without bound in the first call (a harness without
//   limits would swap the node to death or be OOM-killed itself).
// problem: cpu/gemm/4
// expect: not_ok
#include <stdlib.h>
#include <string.h>
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  (void)M, (void)N, (void)K, (void)A, (void)B, (void)C;
  for (;;) {
    char* p = malloc(64 << 20);
    if (!p) break;
    memset(p, 1, 64 << 20);
  }
  volatile int* null = 0;
  *null = 0;
}
