// backends/gemmini/runtime/syscalls.c — the C runtime of autocomp's
// bare-metal Gemmini programs, written for this project: picolibc's stdio
// writes to an HTIF console (buffered, one proxied write syscall per line),
// exit() reports the code through tohost, and traps print a diagnosis.
//
// HTIF (as Spike, FireSim and autocomp-gemmini-sim implement it): the
// program stores a request in `tohost`; the host clears it, serves it and,
// for syscalls, answers through `fromhost`. A syscall request is the
// address of 8 64-bit words {number, arg0, arg1, arg2, ...}; the host
// writes the return value into the first word. An exit request is
// (code << 1) | 1.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

enum { kSysWrite = 64 };

static uint64_t htif_syscall(uint64_t number, uint64_t a0, uint64_t a1, uint64_t a2) {
  static volatile uint64_t block[8] __attribute__((aligned(64)));
  block[0] = number;
  block[1] = a0;
  block[2] = a1;
  block[3] = a2;
  __sync_synchronize();
  tohost = (uint64_t)(uintptr_t)block;
  while (fromhost == 0) {
  }
  fromhost = 0;
  __sync_synchronize();
  return block[0];
}

static char line[256];
static unsigned line_len;

static void console_flush(void) {
  if (line_len != 0) {
    htif_syscall(kSysWrite, 1, (uint64_t)(uintptr_t)line, line_len);
    line_len = 0;
  }
}

static int console_put(char c, FILE* f) {
  (void)f;
  line[line_len++] = c;
  if (c == '\n' || line_len == sizeof(line)) console_flush();
  return (unsigned char)c;
}

static int console_sync(FILE* f) {
  (void)f;
  console_flush();
  return 0;
}

static FILE console = FDEV_SETUP_STREAM(console_put, NULL, console_sync, _FDEV_SETUP_WRITE);
FILE* const stdin = &console;
FILE* const stdout = &console;
FILE* const stderr = &console;

void _exit(int code) {
  console_flush();
  tohost = ((uint64_t)(uint32_t)code << 1) | 1;
  for (;;) {
  }
}

void __autocomp_trap(uint64_t cause, uint64_t epc, uint64_t tval) {
  static const char* const kNames[] = {
      "misaligned fetch", "fetch access fault", "illegal instruction", "breakpoint",
      "misaligned load", "load access fault", "misaligned store", "store access fault",
      "ecall from U-mode", "ecall from S-mode", "reserved", "ecall from M-mode"};
  const char* name = cause < 12 ? kNames[cause] : "unknown cause";
  printf("\nTRAP: %s (mcause %lu) at pc 0x%lx, mtval 0x%lx\n", name, (unsigned long)cause,
         (unsigned long)epc, (unsigned long)tval);
  _exit(134);
}
