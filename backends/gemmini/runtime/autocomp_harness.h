/* backends/gemmini/runtime/autocomp_harness.h
 *
 * Helpers for autocomp's problem harnesses (tests/gemmini/harness/*.c),
 * written for this project: a seeded random generator, the timed-region
 * bracket and the result lines the gemmini backend parses:
 *
 *   autocomp[NONCE]: correct 1 mismatches 0
 *   autocomp[NONCE]: timed_instructions 123456
 *
 * The timed region is read with rdcycle, which in Spike (and autocomp's
 * built-in simulator) counts retired instructions: the paper's `spike`
 * score.
 */
#ifndef AUTOCOMP_HARNESS_H
#define AUTOCOMP_HARNESS_H

#include <stdint.h>
#include <stdio.h>

static uint64_t autocomp_rng_state = 0x9E3779B97F4A7C15ULL;

static inline void autocomp_seed(uint64_t seed) {
  autocomp_rng_state = seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
  if (autocomp_rng_state == 0) autocomp_rng_state = 1;
}

/* xorshift64* */
static inline uint64_t autocomp_rand(void) {
  uint64_t x = autocomp_rng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  autocomp_rng_state = x;
  return x * 0x2545F4914F6CDD1DULL;
}

/* uniform integer in [lo, hi] (multiply-shift; no division) */
static inline int autocomp_rand_range(int lo, int hi) {
  return lo + (int)(((autocomp_rand() >> 32) * (uint64_t)(hi - lo + 1)) >> 32);
}

/* uniform float in [-1, 1) on a 1/1024 grid */
static inline float autocomp_rand_unit(void) {
  return (float)autocomp_rand_range(-1024, 1023) / 1024.0f;
}

static inline uint64_t autocomp_cycles(void) {
  uint64_t c;
  __asm__ volatile("rdcycle %0" : "=r"(c));
  return c;
}

/* AUTOCOMP_NONCE is given to the harness (never to candidate code) by the
 * backend; result lines carry it so that a candidate cannot print them. */
#ifndef AUTOCOMP_NONCE
#define AUTOCOMP_NONCE 0ULL
#endif

static inline void autocomp_report(long mismatches, uint64_t timed) {
  printf("autocomp[%llu]: correct %d mismatches %ld\n", (unsigned long long)AUTOCOMP_NONCE, mismatches == 0,
         mismatches);
  printf("autocomp[%llu]: timed_instructions %llu\n", (unsigned long long)AUTOCOMP_NONCE, (unsigned long long)timed);
}

#endif /* AUTOCOMP_HARNESS_H */
