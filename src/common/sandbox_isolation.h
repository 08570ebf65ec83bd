// src/common/sandbox_isolation.h
//
// The kernel-level isolation the sandbox helper applies before it starts a
// command: PID, network and mount namespaces, a private read-only view of
// the filesystem with only the scratch dir (and fresh, small /tmp-like
// tmpfs mounts) writable, and an unprivileged uid when started as root.
// The command's init also mounts a /proc of its own PID namespace, so it
// sees only its own processes (sandbox_shim_main.cc).
// Everything here is best effort: where the kernel or the site policy
// refuses (no user namespaces on a cluster), the helper falls back to
// process groups and limits, and says so in the outcome's `isolation`.
//
// Used only by the helper process (sandbox_shim_main.cc), which is single
// threaded; not for use inside the worker.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace autocomp::sandbox_internal {

struct IsolationResult {
  bool pid_namespace = false;   // the next fork() becomes pid 1 of a new namespace
  bool drop_uid = false;        // children should switch to `uid`/`gid`
  uid_t uid = 0;
  gid_t gid = 0;
  std::string description;      // for ProcessOutcome::isolation
};

// Enters new namespaces (when `want` and possible), makes the filesystem
// read-only except `workdir`, gives the command its own /tmp, /var/tmp and
// /dev/shm (`workdir` and the `read_only` paths stay visible where they
// lie under one of them), and picks a private uid when running as root
// (`workdir` is then chowned to it, hard-linked files excepted). `unique`
// makes the uid unique among concurrent sandboxes (the helper's pid).
// What a command may need beyond the defaults: a bigger /dev/shm (CUDA and
// PyTorch use it), and which NVIDIA GPUs it may see (`gpus`: minor numbers
// of /dev/nvidiaN; every other one is covered with /dev/null; null = all).
struct IsolationExtras {
  int shm_mb = 64;
  const std::vector<int>* gpus = nullptr;
};

IsolationResult Isolate(bool want, const std::string& workdir, const std::vector<std::string>& read_only,
                        pid_t unique, const IsolationExtras& extras = {});

}  // namespace autocomp::sandbox_internal
