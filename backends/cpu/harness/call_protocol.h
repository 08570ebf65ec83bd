/* backends/cpu/harness/call_protocol.h
 *
 * What the trusted runner (kernel_runner.cc) and the candidate's call stub
 * (call_stub.c) agree on. The runner owns the inputs, the outputs, the
 * reference and the clock; the stub is linked into the candidate's
 * executable and does nothing but call the solution when told.
 *
 *   fd 3  a shared-memory region: this header, then every buffer (inputs,
 *         then the output), each with guard bytes on both sides
 *   fd 4  commands, runner -> stub: first a BPF program (uint32 count, then
 *         count struct sock_filter) the stub loads before anything else,
 *         then one uint32 per command
 *   fd 5  replies, stub -> runner: one byte per event
 *
 * The runner never trusts anything the child can write: it keeps its own
 * copy of this header and of every input, and reads the output only while
 * the child is stopped (SIGSTOP).
 */
#ifndef AUTOCOMP_CALL_PROTOCOL_H
#define AUTOCOMP_CALL_PROTOCOL_H

#include <stdint.h>

#define AUTOCOMP_SHM_FD 3
#define AUTOCOMP_COMMAND_FD 4
#define AUTOCOMP_REPLY_FD 5

#define AUTOCOMP_MAGIC 0x61636d70636c6c31ULL /* "acmpcll1" */
#define AUTOCOMP_MAX_BUFFERS 8
#define AUTOCOMP_MAX_DIMS 8
#define AUTOCOMP_MAX_FILTER 4096 /* BPF instructions */

enum { AUTOCOMP_CMD_CALL = 1, AUTOCOMP_CMD_EXIT = 2 };
enum { AUTOCOMP_REPLY_READY = 'R', AUTOCOMP_REPLY_DONE = 'D' };

struct autocomp_shm_header {
  uint64_t magic;
  uint32_t buffers; /* inputs first, the output last */
  uint32_t dims;
  int64_t dim[AUTOCOMP_MAX_DIMS];
  uint64_t offset[AUTOCOMP_MAX_BUFFERS]; /* byte offset of each buffer from the region's start */
};

#endif /* AUTOCOMP_CALL_PROTOCOL_H */
