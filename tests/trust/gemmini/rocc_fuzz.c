// attempts: crash or wedge the trusted simulator itself (a host crash gives no
//   verdict, an infra_error the search may retry or blame on the machine):
//   a stream of random Gemmini instructions with half-plausible operands
//   (small rows/cols, in-range and out-of-range scratchpad/accumulator rows,
//   DRAM addresses in and around the arrays), with the candidate's own trap
//   handler skipping faulting instructions so the stream goes on. The
//   simulator must end it as the candidate's error, never its own.
// problem: gemmini/gemm/2
// expect: runtime_error
static uint64_t s;
static uint64_t rnd(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
static uint64_t operand(int8_t* base) {
  uint64_t r = rnd();
  switch (r & 7) {
    case 0: return rnd();
    case 1: return (uint64_t)(uintptr_t)(base + (rnd() % (3 * 65536 + 4096)) - 2048);
    case 2: return GEMMINI_PACK(rnd() % 20000, 1 + rnd() % 17, 1 + rnd() % 17);
    case 3: return GEMMINI_PACK((1u << 31) | (rnd() % 2048), 1 + rnd() % 17, 1 + rnd() % 17);
    case 4: return GEMMINI_PACK((3u << 30) | (rnd() % 1100), rnd() % 70, rnd() % 20);
    case 5: return rnd() & 0xFFFF;
    case 6: return (rnd() % 32) | ((rnd() % 32) << 16) | ((rnd() % 32) << 32);
    default: return GARBAGE_ADDR;
  }
}
__attribute__((aligned(4))) static void skip(void) {
  __asm__ volatile("csrr t0, mepc\n\tlhu t1, 0(t0)\n\tandi t1, t1, 3\n\tli t2, 3\n\taddi t0, t0, 2\n"
                   "\tbne t1, t2, 1f\n\taddi t0, t0, 2\n1:\tcsrw mepc, t0\n\tmret" ::: "t0", "t1", "t2");
}
void solution(int8_t A[256][256], int8_t B[256][256], int8_t C[256][256]) {
  (void)B;
  s = 0x9E3779B97F4A7C15ull ^ (uint64_t)(uint8_t)A[0][0] ^ ((uint64_t)(uint8_t)A[0][1] << 8) ^
      ((uint64_t)(uint8_t)A[0][2] << 16) ^ ((uint64_t)(uint8_t)A[1][3] << 24);
  __asm__ volatile("csrw mtvec, %0" ::"r"((uintptr_t)skip + 0));
  for (int n = 0; n < 20000; n++) {
    uint64_t x = operand(&C[0][0]), y = operand(&C[0][0]);
    switch (rnd() % 26) {
      case 0: gemmini_rocc(0, x, y); break;
      case 1: gemmini_rocc(1, x, y); break;
      case 2: gemmini_rocc(2, x, y); break;
      case 3: gemmini_rocc(3, x, y); break;
      case 4: gemmini_rocc(4, x, y); break;
      case 5: gemmini_rocc(5, x, y); break;
      case 6: gemmini_rocc(6, x, y); break;
      case 7: gemmini_rocc(7, x, y); break;
      case 8: gemmini_rocc(8, x, y); break;
      case 9: gemmini_rocc(9, x, y); break;
      case 10: gemmini_rocc(10, x, y); break;
      case 11: gemmini_rocc(11, x, y); break;
      case 12: gemmini_rocc(12, x, y); break;
      case 13: gemmini_rocc(13, x, y); break;
      case 14: gemmini_rocc(14, x, y); break;
      case 15: gemmini_rocc(15, x, y); break;
      case 16: gemmini_rocc(16, x, y); break;
      case 17: gemmini_rocc(17, x, y); break;
      case 18: gemmini_rocc(18, x, y); break;
      case 19: gemmini_rocc(19, x, y); break;
      case 20: gemmini_rocc(20, x, y); break;
      case 21: gemmini_rocc(21, x, y); break;
      case 22: gemmini_rocc(22, x, y); break;
      case 23: gemmini_rocc(31, x, y); break;
      case 24: gemmini_rocc(64, x, y); break;
      case 25: gemmini_rocc(127, x, y); break;
    }
  }
  fence();
}
