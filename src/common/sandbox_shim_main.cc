// src/common/sandbox_shim_main.cc — the autocomp-sandbox helper binary.
//
// Started by Sandbox::Run (sandbox.cc) for every untrusted command. It
// isolates itself (sandbox_isolation.h), starts the command with limits,
// captures its output (head + tail, killing it past the output limit),
// enforces the wall-clock limit, kills every descendant when the command
// ends, and prints one JSON object describing what happened on stdout.
//
//   autocomp-sandbox --workdir DIR [--wall S] [--cpu S] [--mem BYTES]
//       [--mem-cgroup BYTES] [--shm-mb N] [--gpus 0,1]
//       [--fsize BYTES] [--nproc N] [--output-limit BYTES] [--capture BYTES]
//       [--isolate 0|1] [--cpus 0,2] [--env K=V]... [--inherit-env]
//       [--ro PATH]... [--verdict-fd] [--trusted-parent] -- COMMAND ARGS...
//
// --mem limits address space (RLIMIT_AS); --mem-cgroup limits memory in use
// through a cgroup v2 of the tree's own (memory_cgroup.h), and where that is
// possible --mem is not applied (CUDA cannot run under RLIMIT_AS). --shm-mb
// sizes the private /dev/shm; --gpus leaves only those /dev/nvidiaN visible.
//
// An isolated command runs under the baseline system-call filter
// (seccomp_filter.h) with every inherited file descriptor above 2 closed.
// --verdict-fd gives the command a pipe on fd 3 whose contents are
// reported as "verdict" (the result channel of a trusted runner; its
// untrusted children must not inherit it). --trusted-parent keeps the
// command's own privileges (no private uid, no filter) and tells it the
// private uid in AUTOCOMP_SANDBOX_UID/GID (and AUTOCOMP_SANDBOX_MOUNT_NS=1
// when it runs in a mount namespace of its own), for a trusted runner that
// confines its own children. --ro keeps PATH readable where the private
// /tmp would hide it.
//
// Exit status: 0 when the JSON was printed (whatever the command did), 2 on
// bad arguments. SIGTERM makes it kill the command's tree and report.
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "common/memory_cgroup.h"
#include "common/sandbox_isolation.h"
#include "common/seccomp_filter.h"

namespace {

using autocomp::sandbox_internal::IsolationResult;

struct Args {
  std::string workdir;
  double wall = 60, cpu = 0;
  long long mem = 0, mem_cgroup = 0, fsize = 0, output_limit = 64LL << 20, capture = 64 << 10;
  int nproc = 64;
  int shm_mb = 64;
  std::vector<int> gpus;
  bool gpus_given = false;
  bool isolate = true;
  bool inherit_env = false;
  bool verdict_fd = false;
  bool trusted_parent = false;
  std::vector<std::string> read_only;
  std::vector<int> cpus;
  std::vector<std::string> env;
  std::vector<std::string> command;
};

volatile sig_atomic_t g_terminate = 0;
void OnTerminate(int) { g_terminate = 1; }

[[noreturn]] void Usage(const std::string& why) {
  std::fprintf(stderr, "autocomp-sandbox: %s\n", why.c_str());
  std::exit(2);
}

// The command line sandbox.cc builds (CLI11: a number that is not one is an error, never 0).
Args ParseArgs(int argc, char** argv) {
  Args a;
  CLI::App app("autocomp-sandbox: runs one untrusted command in its own namespaces, within limits");
  std::string isolate = "1";
  app.add_option("--workdir", a.workdir)->required();
  app.add_option("--wall", a.wall);
  app.add_option("--cpu", a.cpu);
  app.add_option("--mem", a.mem);
  app.add_option("--mem-cgroup", a.mem_cgroup);
  app.add_option("--shm-mb", a.shm_mb)->check(CLI::Range(1, 1 << 20));
  CLI::Option* gpus = app.add_option("--gpus", a.gpus)->delimiter(',');
  app.add_option("--fsize", a.fsize);
  app.add_option("--nproc", a.nproc);
  app.add_option("--output-limit", a.output_limit);
  app.add_option("--capture", a.capture);
  app.add_option("--isolate", isolate)->check(CLI::IsMember({"0", "1"}));
  app.add_option("--env", a.env)->expected(1)->take_all();
  app.add_flag("--inherit-env", a.inherit_env);
  app.add_flag("--verdict-fd", a.verdict_fd);
  app.add_flag("--trusted-parent", a.trusted_parent);
  app.add_option("--ro", a.read_only)->expected(1)->take_all();
  app.add_option("--cpus", a.cpus)->delimiter(',')->expected(1)->take_all();
  // Everything after the first "--" is the command, taken as it is.
  int options_end = 1;
  while (options_end < argc && std::string(argv[options_end]) != "--") ++options_end;
  for (int i = options_end + 1; i < argc; ++i) a.command.push_back(argv[i]);
  try {
    app.parse(options_end, argv);
  } catch (const CLI::ParseError& e) {
    Usage(e.what());
  }
  if (a.command.empty()) Usage("no command after --");
  a.isolate = isolate == "1";
  a.gpus_given = gpus->count() > 0;
  return a;
}

// Processes whose parent is `parent`, from /proc/*/stat.
std::vector<pid_t> ChildrenOf(pid_t parent) {
  std::vector<pid_t> kids;
  DIR* proc = opendir("/proc");
  if (!proc) return kids;
  while (dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    std::ifstream stat(std::string("/proc/") + entry->d_name + "/stat");
    std::string text;
    std::getline(stat, text);
    size_t close = text.rfind(')');
    if (close == std::string::npos || close + 4 >= text.size()) continue;
    // after ") " come the state and the ppid
    pid_t ppid = std::atoi(text.c_str() + close + 4);
    if (ppid == parent) kids.push_back(std::atoi(entry->d_name));
  }
  closedir(proc);
  return kids;
}

// Kills every process below this one (we are a child subreaper, so orphans
// of the command's tree are re-parented to us and cannot escape).
void KillTree(pid_t command_pgid, const IsolationResult& iso) {
  if (command_pgid > 0) kill(-command_pgid, SIGKILL);
  for (int round = 0; round < 10000; ++round) {
    std::vector<pid_t> kids = ChildrenOf(getpid());
    if (kids.empty()) break;
    for (pid_t kid : kids) {
      kill(kid, SIGKILL);
      pid_t group = getpgid(kid);
      if (group > 0 && group != getpgrp()) kill(-group, SIGKILL);
    }
    if (iso.drop_uid) {  // everything owned by the sandbox uid, in one sweep
      pid_t killer = fork();
      if (killer == 0) {
        if (setuid(iso.uid) == 0) kill(-1, SIGKILL);
        _exit(0);
      }
      if (killer > 0) waitpid(killer, nullptr, 0);
    }
    while (waitpid(-1, nullptr, WNOHANG) > 0) {}
    usleep(round < 10 ? 200 : 2000);
  }
  while (waitpid(-1, nullptr, WNOHANG) > 0) {}
}

void SetLimit(int resource, rlim_t value) {
  struct rlimit limit {value, value};
  setrlimit(resource, &limit);
}

int CountProcessesOf(uid_t uid) {
  int count = 0;
  DIR* proc = opendir("/proc");
  if (!proc) return 0;
  while (dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    struct stat st;
    if (stat((std::string("/proc/") + entry->d_name).c_str(), &st) == 0 && st.st_uid == uid) ++count;
  }
  closedir(proc);
  return count;
}

constexpr int kVerdictFd = 3;

// Tells the helper why the command could not start, and ends the child.
[[noreturn]] void FailStart(int exec_err_fd, int error) {
  (void)!write(exec_err_fd, &error, sizeof error);
  _exit(127);
}

// In the command's process: limits, identity, filter, then exec. Never returns.
[[noreturn]] void ExecCommand(const Args& a, const IsolationResult& iso, int out_fd, int verdict_fd,
                              int exec_err_fd, int nproc_limit) {
  setsid();
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  int devnull = open("/dev/null", O_RDONLY);
  dup2(devnull, 0);
  dup2(out_fd, 1);
  dup2(out_fd, 2);
  if (verdict_fd >= 0 && dup2(verdict_fd, kVerdictFd) != kVerdictFd) FailStart(exec_err_fd, errno);
  // Nothing the worker had open (MPI's sockets, the run file) reaches the command.
  const int keep = verdict_fd >= 0 ? kVerdictFd : 2;
  for (int fd = keep + 1; fd < 1024; ++fd) {
    if (fd != exec_err_fd) close(fd);
  }
  if (chdir(a.workdir.c_str()) != 0) FailStart(exec_err_fd, errno);
  if (!a.cpus.empty()) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int c : a.cpus) CPU_SET(c, &set);
    sched_setaffinity(0, sizeof set, &set);
  }
  if (a.mem > 0) SetLimit(RLIMIT_AS, a.mem);
  SetLimit(RLIMIT_CPU, static_cast<rlim_t>(a.cpu > 0 ? a.cpu : a.wall + 1));
  if (a.fsize > 0) SetLimit(RLIMIT_FSIZE, a.fsize);
  SetLimit(RLIMIT_NPROC, nproc_limit);
  SetLimit(RLIMIT_CORE, 0);
  SetLimit(RLIMIT_NOFILE, 1024);
  std::vector<std::string> env = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + a.workdir,
                                  "TMPDIR=" + a.workdir, "LANG=C", "LC_ALL=C"};
  if (a.inherit_env) {
    env.clear();
    for (char** e = environ; *e; ++e) env.push_back(*e);
  }
  for (const auto& e : a.env) env.push_back(e);
  if (a.trusted_parent && iso.pid_namespace) env.push_back("AUTOCOMP_SANDBOX_MOUNT_NS=1");
  if (iso.drop_uid && a.trusted_parent) {
    env.push_back("AUTOCOMP_SANDBOX_UID=" + std::to_string(iso.uid));
    env.push_back("AUTOCOMP_SANDBOX_GID=" + std::to_string(iso.gid));
  } else if (iso.drop_uid) {
    if (setgroups(0, nullptr) != 0 || setgid(iso.gid) != 0 || setuid(iso.uid) != 0) FailStart(exec_err_fd, errno);
  }
  if (a.isolate && !a.trusted_parent && !autocomp::InstallBaselineFilter()) FailStart(exec_err_fd, errno);
  std::vector<char*> envp, argv;
  for (auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  for (auto& s : a.command) argv.push_back(const_cast<char*>(s.c_str()));
  argv.push_back(nullptr);
  // PATH lookup must use the command's PATH, not ours.
  if (!a.inherit_env) setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
  execvpe(argv[0], argv.data(), envp.data());
  FailStart(exec_err_fd, errno);
}

// pid 1 of a new PID namespace: mounts a /proc that shows only this
// namespace (in a mount namespace of its own, so the helper keeps the
// host's), starts the command, reaps orphans, reports the command's wait
// status, exits — and the kernel kills what is left.
[[noreturn]] void RunInit(const Args& a, const IsolationResult& iso, int out_fd, int verdict_fd, int exec_err_fd,
                          int status_fd, int nproc_limit) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  signal(SIGTERM, SIG_DFL);
  if (unshare(CLONE_NEWNS) == 0) {
    (void)mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
    (void)mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr);
  }
  pid_t command = fork();
  if (command == 0) ExecCommand(a, iso, out_fd, verdict_fd, exec_err_fd, nproc_limit);
  close(out_fd);
  if (verdict_fd >= 0) close(verdict_fd);
  close(exec_err_fd);
  if (command < 0) _exit(126);
  for (;;) {
    int status = 0;
    pid_t done = waitpid(-1, &status, 0);
    if (done == command) {
      (void)!write(status_fd, &status, sizeof status);
      _exit(0);
    }
    if (done < 0 && errno != EINTR) _exit(0);
  }
}

const char* SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? abbrev : "?";
}

}  // namespace

int main(int argc, char** argv) {
  Args a = ParseArgs(argc, argv);
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  struct sigaction on_term {};
  on_term.sa_handler = OnTerminate;
  sigaction(SIGTERM, &on_term, nullptr);
  sigaction(SIGINT, &on_term, nullptr);

  // The memory cgroup is made (and entered) before the namespaces, so every
  // descendant is in it; where it cannot be, --mem (RLIMIT_AS) applies.
  std::optional<autocomp::sandbox_internal::MemoryCgroup> cgroup;
  std::string memory_note;
  if (a.mem_cgroup > 0) {
    std::string why_not;
    cgroup = autocomp::sandbox_internal::MemoryCgroup::Create(a.mem_cgroup, getpid(), &why_not);
    if (cgroup && !cgroup->Enter()) {
      cgroup->Remove();
      cgroup.reset();
      why_not = "cannot enter the new cgroup";
    }
    if (cgroup) {
      a.mem = 0;
      memory_note = ", memory " + std::to_string(a.mem_cgroup >> 20) + " MiB (cgroup v2)";
    } else {
      memory_note = a.mem > 0 ? ", memory by RLIMIT_AS (no cgroup: " + why_not + ")"
                              : ", memory NOT limited (no cgroup: " + why_not + ")";
    }
  }
  autocomp::sandbox_internal::IsolationExtras extras;
  extras.shm_mb = a.shm_mb;
  if (a.gpus_given) extras.gpus = &a.gpus;
  IsolationResult iso = autocomp::sandbox_internal::Isolate(a.isolate, a.workdir, a.read_only, getpid(), extras);
  iso.description += memory_note;
  if (a.isolate && !a.trusted_parent) iso.description += ", system-call filter";
  int nproc_limit = a.nproc;
  if (!iso.drop_uid && !iso.pid_namespace) nproc_limit += CountProcessesOf(getuid());
  if (!iso.drop_uid && iso.pid_namespace && getuid() != 0) nproc_limit += CountProcessesOf(getuid());

  int out_pipe[2], err_pipe[2], status_pipe[2], verdict_pipe[2] = {-1, -1};
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
      pipe2(status_pipe, O_CLOEXEC) != 0 || (a.verdict_fd && pipe2(verdict_pipe, O_CLOEXEC) != 0)) {
    Usage(std::string("pipe failed: ") + std::strerror(errno));
  }
  // The command's end of the output pipe must survive exec.
  fcntl(out_pipe[1], F_SETFD, 0);

  auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    close(status_pipe[0]);
    if (verdict_pipe[0] >= 0) close(verdict_pipe[0]);
    if (iso.pid_namespace) RunInit(a, iso, out_pipe[1], verdict_pipe[1], err_pipe[1], status_pipe[1], nproc_limit);
    ExecCommand(a, iso, out_pipe[1], verdict_pipe[1], err_pipe[1], nproc_limit);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(status_pipe[1]);
  if (verdict_pipe[1] >= 0) close(verdict_pipe[1]);

  nlohmann::json out;
  out["isolation"] = iso.description;
  if (child < 0) {
    out["kind"] = "failed_to_start";
    out["error"] = std::string("fork failed: ") + std::strerror(errno);
    std::printf("%s\n", out.dump().c_str());
    return 0;
  }

  // Output capture: the first quarter of the budget is the head, the rest a ring for the tail.
  const size_t head_max = static_cast<size_t>(a.capture / 4);
  const size_t tail_max = static_cast<size_t>(a.capture) - head_max;
  std::string head, tail;
  long long total = 0;
  std::string kind;
  int wait_status = 0;
  bool have_status = false;
  bool pipe_open = true;
  bool verdict_open = verdict_pipe[0] >= 0;
  std::string verdict;
  constexpr size_t kVerdictMax = 16 << 20;
  auto deadline = start + std::chrono::duration<double>(a.wall);
  char buffer[65536];

  auto consume = [&](const char* data, size_t n) {
    total += static_cast<long long>(n);
    size_t to_head = std::min(n, head_max - std::min(head_max, head.size()));
    head.append(data, to_head);
    tail.append(data + to_head, n - to_head);
    if (tail.size() > 2 * tail_max) tail.erase(0, tail.size() - tail_max);
  };

  // The trusted runner's verdict, kept apart from everything the command prints.
  auto read_verdict = [&]() {
    char chunk[65536];
    ssize_t n = read(verdict_pipe[0], chunk, sizeof chunk);
    if (n > 0 && verdict.size() < kVerdictMax) verdict.append(chunk, std::min(static_cast<size_t>(n), kVerdictMax - verdict.size()));
    if (n == 0) verdict_open = false;
  };

  while (true) {
    if (!have_status) {
      int status = 0;
      pid_t done = waitpid(child, &status, WNOHANG);
      if (done == child) {
        have_status = true;
        wait_status = status;
      }
    }
    if (have_status && !pipe_open) break;
    if (have_status) {  // the command ended; descendants may still hold the pipe
      if (kind.empty()) kind = "ended";
      break;
    }
    if (g_terminate) { kind = "cancelled"; break; }
    if (std::chrono::steady_clock::now() >= deadline) { kind = "timed_out"; break; }
    struct pollfd p[2] = {{pipe_open ? out_pipe[0] : -1, POLLIN, 0}, {verdict_open ? verdict_pipe[0] : -1, POLLIN, 0}};
    if (!pipe_open && !verdict_open) {
      usleep(2000);
    } else if (poll(p, 2, 20) > 0) {
      if (p[0].revents) {
        ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
        if (n > 0) {
          consume(buffer, static_cast<size_t>(n));
          if (total > a.output_limit) { kind = "output_limit"; break; }
        } else if (n == 0) {
          pipe_open = false;
        }
      }
      if (p[1].revents) read_verdict();
    }
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  KillTree(iso.pid_namespace ? 0 : child, iso);
  if (iso.pid_namespace) kill(child, SIGKILL);
  if (!have_status) {
    int status = 0;
    if (waitpid(child, &status, 0) == child) wait_status = status;
  }
  KillTree(0, iso);
  // Drain what the (now dead) tree left in the pipe.
  fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
  for (ssize_t n; (n = read(out_pipe[0], buffer, sizeof buffer)) > 0;) {
    if (total <= a.output_limit) consume(buffer, static_cast<size_t>(n));
  }

  if (verdict_open) {
    fcntl(verdict_pipe[0], F_SETFL, O_NONBLOCK);
    while (verdict_open) {
      ssize_t before = static_cast<ssize_t>(verdict.size());
      read_verdict();
      if (static_cast<ssize_t>(verdict.size()) == before) break;
    }
  }

  // With a PID namespace the command's status comes from its init.
  int command_status = wait_status;
  bool command_status_known = !iso.pid_namespace;
  if (iso.pid_namespace) {
    int status = 0;
    if (read(status_pipe[0], &status, sizeof status) == sizeof status) {
      command_status = status;
      command_status_known = true;
    }
  }
  int exec_errno = 0;
  bool exec_failed = read(err_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno;

  struct rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  double cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
               usage.ru_stime.tv_usec / 1e6;

  if (exec_failed) {
    out["kind"] = "failed_to_start";
    out["error"] = "cannot run '" + a.command[0] + "': " + std::strerror(exec_errno);
  } else if (kind == "timed_out" || kind == "output_limit" || kind == "cancelled") {
    out["kind"] = kind;
  } else if (!command_status_known) {
    out["kind"] = "signaled";  // its init was killed before it could report
    out["signal"] = SIGKILL;
  } else if (WIFEXITED(command_status)) {
    out["kind"] = "exited";
    out["exit_code"] = WEXITSTATUS(command_status);
  } else if (WIFSIGNALED(command_status)) {
    out["kind"] = "signaled";
    out["signal"] = WTERMSIG(command_status);
    out["signal_name"] = SignalName(WTERMSIG(command_status));
  } else {
    out["kind"] = "signaled";
    out["signal"] = SIGKILL;
  }
  std::string output = head;
  long long omitted = total - static_cast<long long>(head.size()) -
                      static_cast<long long>(std::min(tail.size(), tail_max));
  if (tail.size() > tail_max) tail.erase(0, tail.size() - tail_max);
  if (omitted > 0) output += "\n[... " + std::to_string(omitted) + " bytes omitted ...]\n";
  output += tail;
  if (cgroup) {
    if (cgroup->OomKilled()) out["memory_limit"] = true;
    cgroup->Remove();
  }
  out["wall_s"] = wall;
  out["cpu_s"] = cpu;
  out["max_rss_kb"] = usage.ru_maxrss;
  out["output_bytes"] = total;
  out["output"] = output;
  if (a.verdict_fd) out["verdict"] = verdict;
  std::printf("%s\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  return 0;
}
