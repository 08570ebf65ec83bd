/* backends/gemmini/harness/admm_reference.c — plain CPU references of the
 * admm-multifunction kernels (see admm_harness.c); tiny, so no fast path. */
#include <stdint.h>

#define NX 12
#define NU 4

static void matvec(const float* M, int rows, int cols, const float* x, float* y) {
  for (int i = 0; i < rows; i++) {
    float s = 0;
    for (int k = 0; k < cols; k++) s += M[i * cols + k] * x[k];
    y[i] = s;
  }
}

#if ADMM_PROBLEM == 0
void reference(float Kinf[NU][NX], float x[NX][1], float d[NU][1], float u[NU][1]) {
  float t[NU];
  matvec(&Kinf[0][0], NU, NX, &x[0][0], t);
  for (int i = 0; i < NU; i++) u[i][0] = -(t[i] + d[i][0]);
}
#elif ADMM_PROBLEM == 1
void reference(float Adyn[NX][NX], float Bdyn[NX][NU], float Kinf[NU][NX], float x[ADMM_NH + 1][NX][1],
               float d[ADMM_NH][NU][1], float u[ADMM_NH][NU][1]) {
  for (int s = 0; s < ADMM_NH; s++) {
    float t[NU], ax[NX], bu[NX];
    matvec(&Kinf[0][0], NU, NX, &x[s][0][0], t);
    for (int i = 0; i < NU; i++) u[s][i][0] = -(t[i] + d[s][i][0]);
    matvec(&Adyn[0][0], NX, NX, &x[s][0][0], ax);
    matvec(&Bdyn[0][0], NX, NU, &u[s][0][0], bu);
    for (int i = 0; i < NX; i++) x[s + 1][i][0] = ax[i] + bu[i];
  }
}
#elif ADMM_PROBLEM == 2
void reference(float Quu_inv[NU][NU], float AmBKt[NX][NX], float BdynT[NU][NX], float KinfT[NX][NU],
               float q[ADMM_NH][NX][1], float r[ADMM_NH][NU][1], float p[ADMM_NH][NX][1], float d[ADMM_NH][NU][1]) {
  for (int s = ADMM_NH - 2; s >= 0; s--) {
    float t[NU], ap[NX], kr[NX];
    matvec(&BdynT[0][0], NU, NX, &p[s + 1][0][0], t);
    for (int i = 0; i < NU; i++) t[i] += r[s][i][0];
    matvec(&Quu_inv[0][0], NU, NU, t, &d[s][0][0]);
    matvec(&AmBKt[0][0], NX, NX, &p[s + 1][0][0], ap);
    matvec(&KinfT[0][0], NX, NU, &r[s][0][0], kr);
    for (int i = 0; i < NX; i++) p[s][i][0] = q[s][i][0] + ap[i] - kr[i];
  }
}
#endif
