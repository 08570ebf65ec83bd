// bench/p6cpu_kernel.c — the plain RV64 program of figure P6cpu
// (bench/gemmini_p6sim.sh): about 200 million instructions of ordinary
// compiled C with no Gemmini instruction and almost no output, so that the
// figure measures the RISC-V interpreter alone. It mixes integer work
// (a pseudo-random fill, a heap sort, a bitwise CRC-32, an open-addressing
// hash table) with floating point (a double matrix product, float
// polynomial evaluation, square roots). It prints one line at the end: a
// checksum of every phase and the instructions it retired (rdinstret),
// which the benchmark compares between the simulators.
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#ifndef ROUNDS
#define ROUNDS 30
#endif

enum { kSortN = 4096, kCrcBytes = 16384, kHashSlots = 8192, kMatN = 40, kPolyN = 4096 };

static uint32_t sort_buf[kSortN];
static uint8_t crc_buf[kCrcBytes];
static uint64_t hash_keys[kHashSlots];
static double mat_a[kMatN][kMatN], mat_b[kMatN][kMatN], mat_c[kMatN][kMatN];
static float poly_x[kPolyN];

static uint64_t state = 0x9e3779b97f4a7c15ULL;
static uint64_t next_random(void) {  // xorshift64*
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545f4914f6cdd1dULL;
}

static void sift_down(uint32_t* a, int start, int end) {
  int root = start;
  while (2 * root + 1 <= end) {
    int child = 2 * root + 1;
    if (child + 1 <= end && a[child] < a[child + 1]) ++child;
    if (a[root] >= a[child]) return;
    uint32_t t = a[root];
    a[root] = a[child];
    a[child] = t;
    root = child;
  }
}

static uint64_t sort_phase(void) {
  for (int i = 0; i < kSortN; ++i) sort_buf[i] = (uint32_t)next_random();
  for (int start = (kSortN - 2) / 2; start >= 0; --start) sift_down(sort_buf, start, kSortN - 1);
  for (int end = kSortN - 1; end > 0; --end) {
    uint32_t t = sort_buf[0];
    sort_buf[0] = sort_buf[end];
    sort_buf[end] = t;
    sift_down(sort_buf, 0, end - 1);
  }
  uint64_t sum = 0;
  for (int i = 0; i < kSortN; i += 64) sum = sum * 31 + sort_buf[i];
  return sum;
}

static uint64_t crc_phase(void) {
  for (int i = 0; i < kCrcBytes; ++i) crc_buf[i] = (uint8_t)(next_random() >> 56);
  uint32_t crc = 0xffffffffu;
  for (int i = 0; i < kCrcBytes; ++i) {
    crc ^= crc_buf[i];
    for (int b = 0; b < 8; ++b) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

static uint64_t hash_phase(void) {
  for (int i = 0; i < kHashSlots; ++i) hash_keys[i] = 0;
  uint64_t found = 0;
  for (int i = 0; i < kHashSlots / 2; ++i) {
    uint64_t key = (next_random() | 1) & 0xffffff;
    uint64_t h = (key * 0x9e3779b97f4a7c15ULL) >> 51;  // 13 bits
    while (hash_keys[h] != 0 && hash_keys[h] != key) h = (h + 1) & (kHashSlots - 1);
    if (hash_keys[h] == key) ++found;
    hash_keys[h] = key;
  }
  for (int i = 0; i < kHashSlots; ++i) {
    uint64_t key = (uint64_t)(i * 2654435761u) & 0xffffff;
    uint64_t h = (key * 0x9e3779b97f4a7c15ULL) >> 51;
    while (hash_keys[h] != 0 && hash_keys[h] != key) h = (h + 1) & (kHashSlots - 1);
    if (hash_keys[h] == key) ++found;
  }
  return found;
}

static double matrix_phase(void) {
  for (int i = 0; i < kMatN; ++i) {
    for (int j = 0; j < kMatN; ++j) {
      mat_a[i][j] = (double)(int)(next_random() % 2001 - 1000) / 1000.0;
      mat_b[i][j] = (double)(int)(next_random() % 2001 - 1000) / 1000.0;
    }
  }
  for (int i = 0; i < kMatN; ++i) {
    for (int j = 0; j < kMatN; ++j) {
      double acc = 0.0;
      for (int k = 0; k < kMatN; ++k) acc += mat_a[i][k] * mat_b[k][j];
      mat_c[i][j] = acc;
    }
  }
  double norm = 0.0;
  for (int i = 0; i < kMatN; ++i) {
    double row = 0.0;
    for (int j = 0; j < kMatN; ++j) row += mat_c[i][j] * mat_c[i][j];
    norm += sqrt(row);
  }
  return norm;
}

static float poly_phase(void) {
  for (int i = 0; i < kPolyN; ++i) poly_x[i] = (float)(next_random() >> 40) / 16777216.0f * 2.0f - 1.0f;
  float total = 0.0f;
  for (int i = 0; i < kPolyN; ++i) {
    float x = poly_x[i];
    float y = ((((0.0083f * x - 0.1666f) * x + 0.5f) * x + 1.0f) * x - 0.25f) * x + 0.125f;
    total += y > 0.0f ? sqrtf(y) : -y;
  }
  return total;
}

int main(void) {
  uint64_t check = 0;
  double fsum = 0.0;
  for (int round = 0; round < ROUNDS; ++round) {
    check = check * 1000003 + sort_phase();
    check = check * 1000003 + crc_phase();
    check = check * 1000003 + hash_phase();
    for (int m = 0; m < 4; ++m) fsum += matrix_phase();
    for (int p = 0; p < 8; ++p) fsum += poly_phase();
  }
  uint64_t retired;
  __asm__ volatile("rdinstret %0" : "=r"(retired));
  printf("p6cpu check %016llx fp %.9e instret %llu\n", (unsigned long long)check, fsum,
         (unsigned long long)retired);
  return 0;
}
