// src/common/sandbox.h
//
// Runs one untrusted command (a candidate's build or run) so that nothing it
// does can hurt the worker or outlive it:
//
//   - a separate helper process, autocomp-sandbox (sandbox_shim_main.cc),
//     starts the command in its own process group and session, as a child
//     subreaper, so every descendant can be found and killed;
//   - limits: wall clock, CPU time, address space, file size, processes,
//     open files, no core dumps; output beyond a bound kills the command;
//   - when `isolate` is set and the kernel allows it: new PID, network and
//     mount namespaces (everything read-only except the scratch dir, a
//     private /tmp and /proc, no network) and, when started as root, an
//     unprivileged uid; always a system-call filter (seccomp_filter.h: no
//     sockets, no ptrace, no affinity changes, ...) and no inherited file
//     descriptors. Where namespaces are unavailable (clusters without user
//     namespaces) it degrades to process groups + limits + the filter and
//     says so in `isolation`;
//   - captured stdout+stderr: the first and last bytes up to a bound;
//   - the whole tree is killed when the command ends or times out, and the
//     helper dies with the calling thread (PR_SET_PDEATHSIG), so even a
//     killed worker leaves nothing behind.
//
// Thread-safety: Run() may be called from many threads at once. KillAll()
// may be called from any thread to abort every running command (shutdown).
// Failure: a command that misbehaves is a ProcessOutcome; a non-OK Status
// from Create() means the helper binary is missing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"

namespace autocomp {

struct SandboxLimits {
  double wall_seconds = 60;
  double cpu_seconds = 0;            // 0 = wall_seconds + 1 (per process)
  int64_t memory_bytes = 4LL << 30;  // RLIMIT_AS per process; 0 = none
  // Memory in use by the whole tree, through a cgroup v2 where one can be
  // made (then RLIMIT_AS is not applied); 0 = none. For CUDA, which cannot
  // run under RLIMIT_AS.
  int64_t memory_cgroup_bytes = 0;
  int64_t file_size_bytes = 256LL << 20;
  int max_processes = 64;
  int64_t output_bytes = 64LL << 20;  // kill the command beyond this
  int64_t capture_bytes = 64 << 10;   // keep this much of the output (head + tail)
};

struct SandboxSpec {
  std::vector<std::string> argv;            // argv[0] is looked up in PATH
  std::filesystem::path workdir;            // the private scratch dir; must exist
  std::map<std::string, std::string> env;   // added to a minimal environment
  SandboxLimits limits;
  bool isolate = true;                      // namespaces / uid drop when possible
  bool inherit_env = false;                 // trusted tools only (e.g. the FireSim manager): keep our environment
  std::vector<int> cpus;                    // pin to these cores; empty = inherit
  // Paths the command must be able to read although the private /tmp would
  // hide them (trusted objects in a cache under /tmp); bound read-only.
  std::vector<std::filesystem::path> read_only_paths;
  // The command gets a pipe on fd 3; what it writes there comes back in
  // ProcessOutcome::verdict, apart from its output. For trusted runners,
  // which must keep it from their untrusted children.
  bool verdict_channel = false;
  // The command is a trusted runner that confines its own children: it
  // keeps the namespaces and limits but not the private uid (which it gets
  // in AUTOCOMP_SANDBOX_UID/GID to give its children) nor the system-call
  // filter (which it installs in its children).
  bool trusted_parent = false;
  int shm_mb = 64;                           // size of the private /dev/shm
  // The NVIDIA GPUs (minor numbers of /dev/nvidiaN) the command may open;
  // every other one is hidden. Unset = no change; empty = none.
  std::optional<std::vector<int>> gpus;
};

struct ProcessOutcome {
  enum class Kind { kExited, kSignaled, kTimedOut, kOutputLimit, kFailedToStart };
  Kind kind = Kind::kFailedToStart;
  int exit_code = -1;          // kExited
  int signal = 0;              // kSignaled
  bool cpu_limit = false;      // died of SIGXCPU
  bool file_size_limit = false;  // died of SIGXFSZ
  bool memory_limit = false;   // died or failed while at the memory limit
  double wall_seconds = 0;
  double cpu_seconds = 0;      // user + system of the whole tree
  int64_t max_rss_kb = 0;
  int64_t output_bytes = 0;    // everything it printed, kept or not
  std::string output;          // head and tail of stdout+stderr
  std::string isolation;       // "pid+net+mount namespaces, uid 65534" or "process group only"
  std::string error;           // why it failed to start
  std::string verdict;         // what a trusted runner wrote on its verdict channel

  bool Succeeded() const { return kind == Kind::kExited && exit_code == 0; }
  // "exit code 3", "killed by signal 11 (SIGSEGV)", "timed out after 2.0 s", ...
  std::string Describe() const;
  // The last `max_bytes` of output, for traces.
  std::string Tail(size_t max_bytes) const;
};

class Sandbox {
 public:
  struct Options {
    std::filesystem::path shim_path;  // the autocomp-sandbox binary
  };

  // Finds the helper: AUTOCOMP_SANDBOX_SHIM, then next to this executable,
  // then the build tree. FailedPrecondition if it is nowhere.
  static Result<std::shared_ptr<Sandbox>> Create(Options options = {});

  ProcessOutcome Run(const SandboxSpec& spec) const;
  // The helper's command line for `spec` (for a trusted process that starts
  // a long-lived sandboxed command itself and talks to it while it runs).
  std::vector<std::string> CommandLine(const SandboxSpec& spec) const;

  // Kills every command currently running (used at shutdown).
  void KillAll() const;

  const std::filesystem::path& shim_path() const { return options_.shim_path; }

 private:
  explicit Sandbox(Options options) : options_(std::move(options)) {}

  Options options_;
  mutable std::mutex mu_;
  mutable std::set<int> running_;  // pids of live helpers; guarded by mu_
};

// Creates a fresh private directory under `root` (made if needed) and
// removes it, with everything inside, when destroyed.
class ScratchDir {
 public:
  static Result<ScratchDir> Create(const std::filesystem::path& root, const std::string& prefix);
  ScratchDir(ScratchDir&& other) noexcept;
  ScratchDir& operator=(ScratchDir&&) = delete;
  ScratchDir(const ScratchDir&) = delete;
  ~ScratchDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit ScratchDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

}  // namespace autocomp
