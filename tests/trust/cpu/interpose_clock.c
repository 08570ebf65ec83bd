// attempts: defines clock_gettime, gettimeofday, time and clock returning a frozen clock and spends
//   extra time in the call; a harness that times itself with libc's clock in-process would measure ~0.
// problem: cpu/gemm/4
// expect: no_faster
#include <time.h>
#include <sys/time.h>
int clock_gettime(clockid_t id, struct timespec* ts) { (void)id; ts->tv_sec = 1; ts->tv_nsec = 0; return 0; }
int gettimeofday(struct timeval* tv, void* tz) { (void)tz; tv->tv_sec = 1; tv->tv_usec = 0; return 0; }
time_t time(time_t* t) { if (t) *t = 1; return 1; }
clock_t clock(void) { return 1; }
void gemm(int M, int N, int K, const float* A, const float* B, float* C) {
  for (int rep = 0; rep < 3; ++rep)
    for (int i = 0; i < M; ++i)
      for (int j = 0; j < N; ++j) {
        float s = 0.0f;
        for (int k = 0; k < K; ++k) s += A[i * K + k] * B[k * N + j];
        C[i * N + j] = s;
      }
}
