// src/common/seccomp_filter.h
//
// System-call filters (seccomp-bpf, built with libseccomp) for untrusted
// processes. They close side doors that namespaces leave open
// (docs/evaluation.md, contract items 3, 4 and 6):
//
//   Baseline  every sandboxed command (builds and runs): no sockets at all
//             (so no connect() to a node's unix sockets such as munge's, nor
//             TCP), no ptrace or process_vm_readv/writev, no changes to CPU
//             affinity or scheduling priority, no perf counters, io_uring,
//             BPF, userfaultfd, mounts, namespaces, keyrings, clocks or
//             kernel modules. Denied calls fail with EPERM.
//   Candidate a process that runs only candidate code under a trusted
//             parent (the cpu backend's measured child), on top of the
//             baseline: no new processes (fork, vfork, clone without
//             CLONE_THREAD), no threads unless `allow_threads`, and signals
//             only to itself (its own pid as given).
//   NoExecMaps  for the same process once it is running: no new executable
//             memory (mmap/mprotect with PROT_EXEC) and no execve, so no code
//             the link check did not see can ever run. Exported as a BPF
//             program that the candidate's call stub loads after exec (the
//             stub is linked into the candidate executable and carries no
//             libseccomp).
//
// Install*() apply to the calling thread and every thread and child it
// creates afterwards, and cannot be undone. They set no_new_privs. They
// return false (errno set) when the kernel refuses; callers decide whether
// that is fatal (it is for candidate processes).
// Thread-safety: call before creating threads (single-threaded helpers).
#pragma once

#include <linux/filter.h>
#include <sys/types.h>

#include <vector>

namespace autocomp {

bool InstallBaselineFilter();
bool InstallCandidateFilter(bool allow_threads, pid_t self);
// The call stub's own filter as a BPF program for prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER),
// loaded once the child is running (under Valgrind too): no executable mappings,
// no exec, no signal handlers.
bool ExportNoExecMapsFilter(std::vector<sock_filter>* program);

}  // namespace autocomp
