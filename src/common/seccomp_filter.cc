// src/common/seccomp_filter.cc — the seccomp filters of seccomp_filter.h.
#include "common/seccomp_filter.h"

#include <sched.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <initializer_list>

namespace autocomp {

namespace {

// Owns a libseccomp context for one filter.
class Filter {
 public:
  Filter() : ctx_(seccomp_init(SCMP_ACT_ALLOW)) {}
  ~Filter() {
    if (ctx_) seccomp_release(ctx_);
  }
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  bool ok() const { return ctx_ != nullptr && ok_; }
  // Denies every call in `names` with `err`; names this libseccomp or kernel does not know are skipped.
  void Deny(std::initializer_list<const char*> names, int err = EPERM) {
    for (const char* name : names) {
      int nr = seccomp_syscall_resolve_name(name);
      if (nr == __NR_SCMP_ERROR) continue;
      if (seccomp_rule_add(ctx_, SCMP_ACT_ERRNO(err), nr, 0) != 0) ok_ = false;
    }
  }
  template <typename... Args>
  void DenyIf(const char* name, int err, unsigned count, Args... conditions) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr == __NR_SCMP_ERROR) return;
    if (seccomp_rule_add(ctx_, SCMP_ACT_ERRNO(err), nr, count, conditions...) != 0) ok_ = false;
  }
  // Writes the filter as raw BPF instructions (libseccomp 2.5 exports only to a file descriptor).
  bool Export(std::vector<sock_filter>* program) {
    if (!ok()) return false;
    int fd = memfd_create("seccomp-bpf", MFD_CLOEXEC);
    if (fd < 0) return false;
    bool done = seccomp_export_bpf(ctx_, fd) == 0;
    off_t size = done ? lseek(fd, 0, SEEK_END) : -1;
    done = done && size > 0 && size % static_cast<off_t>(sizeof(sock_filter)) == 0;
    if (done) {
      program->resize(static_cast<size_t>(size) / sizeof(sock_filter));
      done = pread(fd, program->data(), static_cast<size_t>(size), 0) == size;
    }
    close(fd);
    return done;
  }
  bool Load() {
    if (!ok()) {
      errno = EINVAL;
      return false;
    }
    int rc = seccomp_load(ctx_);
    if (rc != 0) errno = -rc;
    return rc == 0;
  }

 private:
  scmp_filter_ctx ctx_;
  bool ok_ = true;
};

}  // namespace

bool InstallBaselineFilter() {
  Filter f;
  f.Deny({"socket", "connect", "bind", "listen", "accept", "accept4", "sendmmsg", "recvmmsg",
          "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
          "perf_event_open", "bpf", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
          "sched_setaffinity", "sched_setscheduler", "sched_setparam", "sched_setattr", "setpriority",
          "ioprio_set", "mount", "umount2", "pivot_root", "move_mount", "open_tree", "fsopen", "fsmount",
          "fsconfig", "fspick", "unshare", "setns", "keyctl", "add_key", "request_key", "settimeofday",
          "clock_settime", "clock_adjtime", "adjtimex", "acct", "quotactl", "syslog", "swapon", "swapoff",
          "reboot", "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
          "name_to_handle_at", "open_by_handle_at", "lookup_dcookie", "vhangup", "mbind", "set_mempolicy",
          "migrate_pages", "move_pages"});
  return f.Load();
}

bool InstallCandidateFilter(bool allow_threads, pid_t self) {
  Filter f;
  f.Deny({"fork", "vfork"});
  // glibc falls back from clone3 to clone on ENOSYS; clone's flags can be inspected, clone3's cannot.
  f.Deny({"clone3"}, ENOSYS);
  if (allow_threads) {
    f.DenyIf("clone", EPERM, 1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
  } else {
    f.Deny({"clone"});
  }
  f.DenyIf("kill", EPERM, 1, SCMP_A0(SCMP_CMP_NE, static_cast<scmp_datum_t>(self)));
  f.DenyIf("tgkill", EPERM, 1, SCMP_A0(SCMP_CMP_NE, static_cast<scmp_datum_t>(self)));
  f.Deny({"tkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open", "pidfd_send_signal"});
  return f.Load();
}

bool ExportNoExecMapsFilter(std::vector<sock_filter>* program) {
  Filter f;
  f.DenyIf("mmap", EPERM, 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC));
  f.DenyIf("mprotect", EPERM, 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC));
  f.DenyIf("pkey_mprotect", EPERM, 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC));
  f.Deny({"execve", "execveat", "remap_file_pages"});
  // No signal handlers: a handler is code that runs outside the measured call
  // (and outside what an instruction counter attributes to it).
  f.Deny({"rt_sigaction"});
  return f.Export(program);
}

}  // namespace autocomp
