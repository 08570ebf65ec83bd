/* backends/cpu/harness/peak_probe.c — measures the ceilings a plausible cpu
 * score must stay under (docs/evaluation.md, item 7). Built by the
 * backend's harness cache with -O2 -march=native on the node that
 * measures, so it uses the widest vectors and fused multiply-adds this
 * core has; run pinned to one core of the worker's share. Prints one JSON
 * object:
 *   peak_flops        16 independent chains of vector FMAs (more than any
 *                     core's FMA latency x throughput), 2 flops per lane;
 *   peak_bytes_per_s  vector loads from a 16 KiB buffer in the L1 cache;
 * each the best of several runs of about 5-20 ms, and
 *   nominal_flops, nominal_bytes_per_s  what the core could do at the
 *                     highest clock /proc/cpuinfo reports (5 GHz if none):
 *                     2 FMA pipes and 2 vector loads per cycle.
 * A probe run while other jobs load the core measures low; the backend
 * bounds scores by the larger of measured and nominal. */
#include <stdio.h>
#include <time.h>

#if defined(__AVX512F__)
#define LANES 16
#elif defined(__AVX__)
#define LANES 8
#else
#define LANES 4
#endif
typedef float vec __attribute__((vector_size(LANES * sizeof(float))));
#define CHAINS 16

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The chains live in registers; the empty asm keeps the compiler from
 * folding them without forcing them to memory. */
#define STEP(a) a = a * mul + add; __asm__ volatile("" : "+v"(a))
static double fma_rate(void) {
  vec mul, add, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
  for (int l = 0; l < LANES; ++l) {
    mul[l] = 0.9999999f, add[l] = 1e-7f;
    a0[l] = a1[l] = a2[l] = a3[l] = a4[l] = a5[l] = a6[l] = a7[l] = 1.0f;
    a8[l] = a9[l] = a10[l] = a11[l] = a12[l] = a13[l] = a14[l] = a15[l] = 1.0f;
  }
  const long rounds = 1L << 20;
  double start = now();
  for (long r = 0; r < rounds; ++r) {
    STEP(a0); STEP(a1); STEP(a2); STEP(a3); STEP(a4); STEP(a5); STEP(a6); STEP(a7);
    STEP(a8); STEP(a9); STEP(a10); STEP(a11); STEP(a12); STEP(a13); STEP(a14); STEP(a15);
  }
  double seconds = now() - start;
  volatile float sink = a0[0] + a1[0] + a2[0] + a3[0] + a4[0] + a5[0] + a6[0] + a7[0] + a8[0] + a9[0] + a10[0] +
                        a11[0] + a12[0] + a13[0] + a14[0] + a15[0];
  (void)sink;
  return 2.0 * LANES * CHAINS * (double)rounds / seconds;
}

static float buffer[4096] __attribute__((aligned(64)));

#define LOAD(u) s##u += v[i + u]; __asm__ volatile("" : "+v"(s##u))
static double read_rate(void) {
  for (int i = 0; i < 4096; ++i) buffer[i] = (float)i;
  const int vecs = 4096 / LANES;
  const long rounds = 1L << 15;
  vec s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0}, s4 = {0}, s5 = {0}, s6 = {0}, s7 = {0};
  double start = now();
  for (long r = 0; r < rounds; ++r) {
    const vec* v = (const vec*)buffer;
    __asm__ volatile("" : : "r"(v) : "memory");
    for (int i = 0; i < vecs; i += 8) {
      LOAD(0); LOAD(1); LOAD(2); LOAD(3); LOAD(4); LOAD(5); LOAD(6); LOAD(7);
    }
  }
  double seconds = now() - start;
  volatile float sink = s0[0] + s1[0] + s2[0] + s3[0] + s4[0] + s5[0] + s6[0] + s7[0];
  (void)sink;
  return (double)sizeof(buffer) * (double)rounds / seconds;
}

/* The highest "cpu MHz" of /proc/cpuinfo, in Hz; 5 GHz when it says nothing. */
static double clock_hz(void) {
  double best = 0;
  FILE* f = fopen("/proc/cpuinfo", "r");
  char line[256];
  while (f && fgets(line, sizeof line, f)) {
    double mhz = 0;
    if (sscanf(line, "cpu MHz : %lf", &mhz) == 1 && mhz > best) best = mhz;
  }
  if (f) fclose(f);
  return best > 0 ? best * 1e6 : 5e9;
}

int main(void) {
  double flops = 0, bytes = 0;
  for (int i = 0; i < 5; ++i) {
    double f = fma_rate(), b = read_rate();
    if (f > flops) flops = f;
    if (b > bytes) bytes = b;
  }
  const double hz = clock_hz();
  printf("{\"peak_flops\": %.6g, \"peak_bytes_per_s\": %.6g, \"vector_lanes\": %d, \"clock_hz\": %.6g, "
         "\"nominal_flops\": %.6g, \"nominal_bytes_per_s\": %.6g}\n",
         flops, bytes, LANES, hz, 2.0 * 2.0 * LANES * hz, 2.0 * LANES * sizeof(float) * hz);
  return 0;
}
