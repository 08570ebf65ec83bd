// backends/cpu/runner/candidate_process.cc — starting, confining and
// stepping the candidate's process (see candidate_process.h).
#include "candidate_process.h"

#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <sys/syscall.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <initializer_list>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <ctime>

#include "call_protocol.h"
#include "common/seccomp_filter.h"

namespace autocomp::cpu_harness {

double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

namespace {

bool WriteAll(int fd, const void* data, size_t size) {
  const char* at = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = write(fd, at, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// Landlock (Linux 5.13+): from here on, nothing may be opened for writing,
// created, removed or renamed anywhere but beneath `writable` (the count
// folder and the private /tmp Valgrind keeps its files in) — /proc/self/mem included, which would let code rewrite its own
// text past every page protection. Inherited across exec, so Valgrind runs
// under it too. False only when the kernel has Landlock but refused it.
bool RestrictWrites(std::initializer_list<const char*> writable) {
  constexpr uint64_t kWrites = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                               LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                               LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                               LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
                               LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
  landlock_ruleset_attr attr{};
  attr.handled_access_fs = kWrites;
  const int ruleset = static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0));
  if (ruleset < 0) return errno == ENOSYS || errno == EOPNOTSUPP;  // no Landlock here: documented
  for (const char* dir : writable) {
    landlock_path_beneath_attr beneath{};
    beneath.allowed_access = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_REMOVE_FILE;
    beneath.parent_fd = open(dir, O_PATH | O_CLOEXEC | O_DIRECTORY);
    if (beneath.parent_fd < 0) continue;
    syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0);
    close(beneath.parent_fd);
  }
  const bool ok = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && syscall(SYS_landlock_restrict_self, ruleset, 0) == 0;
  close(ruleset);
  return ok;
}

// In the forked child: descriptors, root, identity, filters, exec. Never returns.
[[noreturn]] void ExecConfined(const ChildSpec& spec, int command_read, int reply_write,
                               const std::vector<char*>& argv, const std::vector<char*>& envp) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  const int shm = fcntl(spec.shm_fd, F_DUPFD, 100);
  const int command = fcntl(command_read, F_DUPFD, 100);
  const int reply = fcntl(reply_write, F_DUPFD, 100);
  if (shm < 0 || command < 0 || reply < 0 || dup2(shm, AUTOCOMP_SHM_FD) < 0 ||
      dup2(command, AUTOCOMP_COMMAND_FD) < 0 || dup2(reply, AUTOCOMP_REPLY_FD) < 0) {
    _exit(125);
  }
  for (int fd = AUTOCOMP_REPLY_FD + 1; fd < 4096; ++fd) close(fd);  // the verdict channel above all
  if (spec.jail && (chroot(".") != 0 || chdir("/") != 0)) _exit(126);
  if (spec.uid != 0 && (setgroups(0, nullptr) != 0 || setgid(spec.gid) != 0 || setuid(spec.uid) != 0)) _exit(126);
  if (!RestrictWrites({"count", "/tmp"})) _exit(126);
  if (!autocomp::InstallBaselineFilter() || !autocomp::InstallCandidateFilter(spec.threads, getpid())) _exit(126);
  execve(argv[0], argv.data(), envp.data());
  _exit(127);
}

}  // namespace

CandidateProcess::~CandidateProcess() { Kill(); }

std::string CandidateProcess::DescribeDeath() {
  if (!reaped_) {
    while (waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {}
    reaped_ = true;
  }
  if (WIFSIGNALED(status_)) {
    const char* name = sigabbrev_np(WTERMSIG(status_));
    return "killed by signal " + std::to_string(WTERMSIG(status_)) + " (SIG" + (name ? name : "?") + ")";
  }
  const int code = WEXITSTATUS(status_);
  switch (code) {
    case 120: return "the call stub got no filter program (exit code 120)";
    case 121: return "the kernel refused the call stub's system-call filter (exit code 121)";
    case 122: return "the call stub could not map the shared buffers (exit code 122)";
    case 123: return "the call stub lost its reply channel (exit code 123)";
    case 125: case 126: return "the candidate process could not be confined (exit code " + std::to_string(code) + ")";
    case 127: return "the candidate executable could not be started (exit code 127)";
    default: return "exited with code " + std::to_string(code);
  }
}

CandidateProcess::CallResult CandidateProcess::Start(const ChildSpec& spec, double deadline) {
  std::vector<sock_filter> program;
  if (!autocomp::ExportNoExecMapsFilter(&program) || program.empty() || program.size() > AUTOCOMP_MAX_FILTER) {
    return {Outcome::kProtocol, 0, "cannot build the call stub's system-call filter"};
  }
  int command[2], reply[2];
  if (pipe2(command, O_CLOEXEC) != 0 || pipe2(reply, O_CLOEXEC) != 0) {
    return {Outcome::kProtocol, 0, std::string("pipe: ") + std::strerror(errno)};
  }
  std::vector<char*> argv, envp;
  for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) ExecConfined(spec, command[0], reply[1], argv, envp);
  close(command[0]);
  close(reply[1]);
  command_fd_ = command[1];
  reply_fd_ = reply[0];
  if (pid_ < 0) return {Outcome::kProtocol, 0, std::string("fork: ") + std::strerror(errno)};
  const uint32_t count = static_cast<uint32_t>(program.size());
  if (!WriteAll(command_fd_, &count, sizeof count) ||
      !WriteAll(command_fd_, program.data(), program.size() * sizeof(sock_filter))) {
    return {Outcome::kDied, 0, "before it was ready: " + DescribeDeath()};
  }
  CallResult ready = WaitReply(AUTOCOMP_REPLY_READY, deadline);
  if (ready.outcome == Outcome::kDied) ready.message = "before it was ready: " + ready.message;
  if (ready.outcome != Outcome::kDone) return ready;
  std::string why;
  if (!StopAndWait(&why)) return {Outcome::kDied, 0, why};
  return {};
}

// The reply channel closed: normally the child died; a live child closed it itself.
CandidateProcess::CallResult CandidateProcess::EndOfReplies() {
  for (int i = 0; i < 2000 && !reaped_; ++i) {
    if (waitpid(pid_, &status_, WNOHANG) == pid_ && (WIFEXITED(status_) || WIFSIGNALED(status_))) reaped_ = true;
    else usleep(1000);
  }
  if (!reaped_) {
    Kill();
    return {Outcome::kProtocol, 0, "closed the harness's reply channel"};
  }
  return {Outcome::kDied, 0, DescribeDeath()};
}

CandidateProcess::CallResult CandidateProcess::WaitReply(char expected, double deadline) {
  for (;;) {
    const double left = deadline - Now();
    if (left <= 0) return {Outcome::kTimedOut, 0, "did not finish in time"};
    struct pollfd p {reply_fd_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(std::ceil(std::min(left, 3600.0) * 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char byte = 0;
    const ssize_t n = read(reply_fd_, &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return EndOfReplies();
    if (byte != expected) return {Outcome::kProtocol, 0, "wrote to the harness's reply channel"};
    return {};
  }
}

bool CandidateProcess::StopAndWait(std::string* why) {
  if (kill(pid_, SIGSTOP) != 0) {
    *why = DescribeDeath();
    return false;
  }
  for (;;) {
    int status = 0;
    const pid_t got = waitpid(pid_, &status, WUNTRACED);
    if (got < 0 && errno == EINTR) continue;
    if (got == pid_ && WIFSTOPPED(status)) return true;
    if (got == pid_ && (WIFEXITED(status) || WIFSIGNALED(status))) {
      status_ = status;
      reaped_ = true;
    }
    *why = DescribeDeath();
    return false;
  }
}

CandidateProcess::CallResult CandidateProcess::Call(double deadline) {
  // While stopped the child cannot write; anything already in the reply
  // pipe was written by candidate code between DONE and the stop.
  char stray[64];
  const int flags = fcntl(reply_fd_, F_GETFL);
  fcntl(reply_fd_, F_SETFL, flags | O_NONBLOCK);
  const ssize_t pending = read(reply_fd_, stray, sizeof stray);
  fcntl(reply_fd_, F_SETFL, flags);
  if (pending > 0) return {Outcome::kProtocol, 0, "wrote to the harness's reply channel"};

  const uint32_t call = AUTOCOMP_CMD_CALL;
  const double start = Now();
  kill(pid_, SIGCONT);
  if (!WriteAll(command_fd_, &call, sizeof call)) return {Outcome::kDied, 0, DescribeDeath()};
  CallResult r = WaitReply(AUTOCOMP_REPLY_DONE, deadline);
  if (r.outcome != Outcome::kDone) return r;
  std::string why;
  if (!StopAndWait(&why)) return {Outcome::kDied, 0, why};
  r.seconds = Now() - start;
  return r;
}

CandidateProcess::CallResult CandidateProcess::Exit(double deadline) {
  const uint32_t exit_command = AUTOCOMP_CMD_EXIT;
  kill(pid_, SIGCONT);
  if (!WriteAll(command_fd_, &exit_command, sizeof exit_command)) return {Outcome::kDied, 0, DescribeDeath()};
  for (;;) {
    int status = 0;
    const pid_t got = waitpid(pid_, &status, WNOHANG);
    if (got == pid_ && (WIFEXITED(status) || WIFSIGNALED(status))) {
      status_ = status;
      reaped_ = true;
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
      return {Outcome::kDied, 0, DescribeDeath()};
    }
    if (Now() > deadline) return {Outcome::kTimedOut, 0, "did not exit in time"};
    usleep(1000);
  }
}

void CandidateProcess::Kill() {
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    while (waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {}
    reaped_ = true;
  }
  if (command_fd_ >= 0) close(command_fd_);
  if (reply_fd_ >= 0) close(reply_fd_);
  command_fd_ = reply_fd_ = -1;
}

}  // namespace autocomp::cpu_harness
