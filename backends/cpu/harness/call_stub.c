/* backends/cpu/harness/call_stub.c — main() of a candidate's executable.
 *
 * Linked statically with the candidate object and the problem kind's
 * invoke function (<kind>_call.c); started by the trusted runner with the
 * descriptors of call_protocol.h. It loads the runner's last system-call
 * filter (no new executable memory, no exec), maps the shared region,
 * says it is ready, then calls the solution once per CALL command. It
 * decides nothing: correctness and time are judged by the runner.
 *
 * autocomp_timed_region is where each call runs (never inlined, so that a
 * profile shows it); count mode counts the whole process and subtracts a
 * run of this stub with an empty solution (runner/kernel_runner.h).
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "call_protocol.h"

void autocomp_invoke(const struct autocomp_shm_header* header, char* base);

__attribute__((noinline)) void autocomp_timed_region(const struct autocomp_shm_header* header, char* base) {
  autocomp_invoke(header, base);
  __asm__ volatile("" ::: "memory");
}

static int read_full(int fd, void* buffer, size_t size) {
  char* at = (char*)buffer;
  while (size > 0) {
    ssize_t n = read(fd, at, size);
    if (n <= 0) return -1;
    at += n;
    size -= (size_t)n;
  }
  return 0;
}

static struct sock_filter filter[AUTOCOMP_MAX_FILTER];

int main(void) {
  uint32_t count = 0;
  if (read_full(AUTOCOMP_COMMAND_FD, &count, sizeof count) != 0 || count == 0 || count > AUTOCOMP_MAX_FILTER) _exit(120);
  if (read_full(AUTOCOMP_COMMAND_FD, filter, count * sizeof filter[0]) != 0) _exit(120);
  struct sock_fprog program = {(unsigned short)count, filter};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) _exit(121);

  struct stat st;
  if (fstat(AUTOCOMP_SHM_FD, &st) != 0 || st.st_size < (off_t)sizeof(struct autocomp_shm_header)) _exit(122);
  char* base = mmap(0, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, AUTOCOMP_SHM_FD, 0);
  if (base == MAP_FAILED) _exit(122);
  const struct autocomp_shm_header* header = (const struct autocomp_shm_header*)base;

  const char ready = AUTOCOMP_REPLY_READY, done = AUTOCOMP_REPLY_DONE;
  if (write(AUTOCOMP_REPLY_FD, &ready, 1) != 1) _exit(123);
  for (;;) {
    uint32_t command = 0;
    if (read_full(AUTOCOMP_COMMAND_FD, &command, sizeof command) != 0 || command == AUTOCOMP_CMD_EXIT) _exit(0);
    if (command != AUTOCOMP_CMD_CALL) _exit(124);
    autocomp_timed_region(header, base);
    if (write(AUTOCOMP_REPLY_FD, &done, 1) != 1) _exit(123);
  }
}
