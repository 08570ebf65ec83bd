/* backends/gemmini/harness/admm_harness.c — harness of the
 * admm-multifunction problem set: TinyMPC-style kernels in fp32 on the 4x4
 * fp32 Gemmini configuration (build with -DGEMMINI_FP32). ADMM_PROBLEM selects:
 *   0  u = -(Kinf x + d)                                    one step
 *   1  forward rollout over ADMM_NH steps:
 *        u[i] = -(Kinf x[i] + d[i]);  x[i+1] = Adyn x[i] + Bdyn u[i]
 *   2  backward pass of the linear terms over ADMM_NH steps, i = NH-2..0:
 *        d[i] = Quu_inv (BdynT p[i+1] + r[i]);  p[i] = q[i] + AmBKt p[i+1] - KinfT r[i]
 * (nx = 12 states, nu = 4 inputs). Inputs come from a seeded generator; the
 * simulator compares every array with admm_reference.c's (built with
 * -Dreference=solution) to a relative 1e-4, since Gemmini sums in another
 * order than the CPU. */
#include <stdint.h>
#include <stdio.h>

#include "autocomp_harness.h"
#include "gemmini.h"

volatile uint64_t autocomp_seed_value = 1;
#define NX 12
#define NU 4

static void fill(float* p, int n) {
  for (int i = 0; i < n; i++) p[i] = autocomp_rand_unit();
}

#if ADMM_PROBLEM == 0
void solution(float Kinf[NU][NX], float x[NX][1], float d[NU][1], float u[NU][1]);
static float Kinf[NU][NX] row_align(1), x[NX][1], d[NU][1], u[NU][1];
int main(void) {
  autocomp_seed(autocomp_seed_value);
  fill(&Kinf[0][0], NU * NX); fill(&x[0][0], NX); fill(&d[0][0], NU);
  uint64_t start = autocomp_cycles();
  solution(Kinf, x, d, u);
  uint64_t end = autocomp_cycles();
  autocomp_report_cycles(end - start);
  return 0;
}
#elif ADMM_PROBLEM == 1
void solution(float Adyn[NX][NX], float Bdyn[NX][NU], float Kinf[NU][NX], float x[ADMM_NH + 1][NX][1],
              float d[ADMM_NH][NU][1], float u[ADMM_NH][NU][1]);
static float Adyn[NX][NX], Bdyn[NX][NU], Kinf[NU][NX];
static float x[ADMM_NH + 1][NX][1], d[ADMM_NH][NU][1], u[ADMM_NH][NU][1];
int main(void) {
  autocomp_seed(autocomp_seed_value);
  fill(&Adyn[0][0], NX * NX); fill(&Bdyn[0][0], NX * NU); fill(&Kinf[0][0], NU * NX);
  fill(&d[0][0][0], ADMM_NH * NU);
  for (int i = 0; i < NX; i++) x[0][i][0] = autocomp_rand_unit();
  /* keep the rollout bounded: scale the dynamics down */
  for (int i = 0; i < NX * NX; i++) (&Adyn[0][0])[i] *= 0.25f;
  uint64_t start = autocomp_cycles();
  solution(Adyn, Bdyn, Kinf, x, d, u);
  uint64_t end = autocomp_cycles();
  autocomp_report_cycles(end - start);
  return 0;
}
#elif ADMM_PROBLEM == 2
void solution(float Quu_inv[NU][NU], float AmBKt[NX][NX], float BdynT[NU][NX], float KinfT[NX][NU],
              float q[ADMM_NH][NX][1], float r[ADMM_NH][NU][1], float p[ADMM_NH][NX][1], float d[ADMM_NH][NU][1]);
static float Quu_inv[NU][NU], AmBKt[NX][NX], BdynT[NU][NX], KinfT[NX][NU];
static float q[ADMM_NH][NX][1], r[ADMM_NH][NU][1], p[ADMM_NH][NX][1], d[ADMM_NH][NU][1];
int main(void) {
  autocomp_seed(autocomp_seed_value);
  fill(&Quu_inv[0][0], NU * NU); fill(&AmBKt[0][0], NX * NX); fill(&BdynT[0][0], NU * NX);
  fill(&KinfT[0][0], NX * NU); fill(&q[0][0][0], ADMM_NH * NX); fill(&r[0][0][0], ADMM_NH * NU);
  for (int i = 0; i < NX * NX; i++) (&AmBKt[0][0])[i] *= 0.25f;
  for (int i = 0; i < NX; i++) p[ADMM_NH - 1][i][0] = autocomp_rand_unit();
  uint64_t start = autocomp_cycles();
  solution(Quu_inv, AmBKt, BdynT, KinfT, q, r, p, d);
  uint64_t end = autocomp_cycles();
  autocomp_report_cycles(end - start);
  return 0;
}
#else
#error "ADMM_PROBLEM must be 0, 1 or 2"
#endif
