// src/common/sandbox.cc — starts the autocomp-sandbox helper and reads its report.
#include "common/sandbox.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <random>

#include <nlohmann/json.hpp>

#ifndef AUTOCOMP_SHIM_BUILD_PATH
#define AUTOCOMP_SHIM_BUILD_PATH ""
#endif

namespace autocomp {

namespace fs = std::filesystem;

namespace {

std::string Join(const std::vector<int>& values) {
  std::string text;
  for (int v : values) {
    if (!text.empty()) text += ",";
    text += std::to_string(v);
  }
  return text;
}

bool LooksOutOfMemory(const std::string& output) {
  for (const char* marker : {"std::bad_alloc", "Cannot allocate memory", "out of memory",
                             "memory exhausted"}) {
    if (output.find(marker) != std::string::npos) return true;
  }
  return false;
}

ProcessOutcome FailedToStart(std::string error) {
  ProcessOutcome outcome;
  outcome.kind = ProcessOutcome::Kind::kFailedToStart;
  outcome.error = std::move(error);
  return outcome;
}

}  // namespace

std::string ProcessOutcome::Describe() const {
  char text[160];
  switch (kind) {
    case Kind::kExited:
      std::snprintf(text, sizeof text, "exit code %d", exit_code);
      break;
    case Kind::kSignaled:
      std::snprintf(text, sizeof text, "killed by signal %d (SIG%s)", signal,
                    sigabbrev_np(signal) ? sigabbrev_np(signal) : "?");
      break;
    case Kind::kTimedOut:
      std::snprintf(text, sizeof text, "timed out after %.1f s", wall_seconds);
      break;
    case Kind::kOutputLimit:
      std::snprintf(text, sizeof text, "killed after printing more than the output limit (%lld bytes)",
                    static_cast<long long>(output_bytes));
      break;
    case Kind::kFailedToStart:
      return "failed to start: " + error;
  }
  std::string description = text;
  if (memory_limit) description += "; hit the memory limit";
  if (cpu_limit) description += "; hit the CPU-time limit";
  if (file_size_limit) description += "; hit the file-size limit";
  return description;
}

std::string ProcessOutcome::Tail(size_t max_bytes) const {
  if (output.size() <= max_bytes) return output;
  return "[...]" + output.substr(output.size() - max_bytes);
}

Result<std::shared_ptr<Sandbox>> Sandbox::Create(Options options) {
  std::vector<fs::path> tries;
  if (!options.shim_path.empty()) tries.push_back(options.shim_path);
  if (const char* env = std::getenv("AUTOCOMP_SANDBOX_SHIM")) tries.emplace_back(env);
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) tries.push_back(self.parent_path() / "autocomp-sandbox");
  if (std::strlen(AUTOCOMP_SHIM_BUILD_PATH) > 0) tries.emplace_back(AUTOCOMP_SHIM_BUILD_PATH);
  std::string looked;
  for (const fs::path& path : tries) {
    if (access(path.c_str(), X_OK) == 0) {
      options.shim_path = path;
      return std::shared_ptr<Sandbox>(new Sandbox(std::move(options)));
    }
    looked += (looked.empty() ? "" : ", ") + path.string();
  }
  return FailedPreconditionError("sandbox helper autocomp-sandbox not found (looked in: " + looked +
                                 "); set AUTOCOMP_SANDBOX_SHIM to its path");
}

std::vector<std::string> Sandbox::CommandLine(const SandboxSpec& spec) const {
  const SandboxLimits& l = spec.limits;
  std::vector<std::string> args = {
      options_.shim_path.string(),
      "--workdir", fs::absolute(spec.workdir).string(),
      "--wall", std::to_string(l.wall_seconds),
      "--cpu", std::to_string(l.cpu_seconds > 0 ? l.cpu_seconds : l.wall_seconds + 1),
      "--mem", std::to_string(l.memory_bytes),
      "--fsize", std::to_string(l.file_size_bytes),
      "--nproc", std::to_string(l.max_processes),
      "--output-limit", std::to_string(l.output_bytes),
      "--capture", std::to_string(l.capture_bytes),
      "--isolate", spec.isolate ? "1" : "0",
  };
  if (l.memory_cgroup_bytes > 0) {
    args.push_back("--mem-cgroup");
    args.push_back(std::to_string(l.memory_cgroup_bytes));
  }
  if (spec.shm_mb != 64) {
    args.push_back("--shm-mb");
    args.push_back(std::to_string(spec.shm_mb));
  }
  if (spec.gpus) {
    args.push_back("--gpus");
    args.push_back(spec.gpus->empty() ? "-1" : Join(*spec.gpus));
  }
  if (spec.inherit_env) args.push_back("--inherit-env");
  if (spec.verdict_channel) args.push_back("--verdict-fd");
  if (spec.trusted_parent) args.push_back("--trusted-parent");
  for (const fs::path& p : spec.read_only_paths) {
    args.push_back("--ro");
    args.push_back(fs::absolute(p).lexically_normal().string());
  }
  if (!spec.cpus.empty()) {
    args.push_back("--cpus");
    args.push_back(Join(spec.cpus));
  }
  for (const auto& [key, value] : spec.env) {
    args.push_back("--env");
    args.push_back(key + "=" + value);
  }
  args.push_back("--");
  args.insert(args.end(), spec.argv.begin(), spec.argv.end());
  return args;
}

ProcessOutcome Sandbox::Run(const SandboxSpec& spec) const {
  if (spec.argv.empty()) return FailedToStart("empty command");
  std::error_code ec;
  if (!fs::is_directory(spec.workdir, ec)) {
    return FailedToStart("scratch dir " + spec.workdir.string() + " does not exist");
  }
  const SandboxLimits& l = spec.limits;
  std::vector<std::string> args = CommandLine(spec);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return FailedToStart(std::string("pipe: ") + std::strerror(errno));
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    // Only async-signal-safe calls until exec: the worker is multi-threaded.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    dup2(out[1], 1);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  if (pid < 0) {
    close(out[0]);
    return FailedToStart(std::string("fork: ") + std::strerror(errno));
  }
  setpgid(pid, pid);
  {
    std::lock_guard<std::mutex> lock(mu_);
    running_.insert(pid);
  }

  // The helper enforces the limits; this is only a backstop if it hangs.
  auto backstop = std::chrono::steady_clock::now() +
                  std::chrono::duration<double>(l.wall_seconds + 30);
  std::string report;
  char buffer[65536];
  bool killed = false;
  while (true) {
    struct pollfd p {out[0], POLLIN, 0};
    int ready = poll(&p, 1, 100);
    if (ready > 0) {
      ssize_t n = read(out[0], buffer, sizeof buffer);
      if (n <= 0) break;
      report.append(buffer, static_cast<size_t>(n));
    } else if (ready < 0 && errno != EINTR) {
      break;
    }
    if (!killed && std::chrono::steady_clock::now() > backstop) {
      kill(-pid, SIGKILL);
      killed = true;
    }
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  {
    std::lock_guard<std::mutex> lock(mu_);
    running_.erase(pid);
  }

  nlohmann::json j = nlohmann::json::parse(report, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("kind")) {
    return FailedToStart(killed ? "sandbox helper hung and was killed"
                                : "sandbox helper gave no report (status " + std::to_string(status) + ")");
  }
  ProcessOutcome o;
  std::string kind = j.value("kind", "");
  if (kind == "exited") o.kind = ProcessOutcome::Kind::kExited;
  else if (kind == "signaled") o.kind = ProcessOutcome::Kind::kSignaled;
  else if (kind == "timed_out" || kind == "cancelled") o.kind = ProcessOutcome::Kind::kTimedOut;
  else if (kind == "output_limit") o.kind = ProcessOutcome::Kind::kOutputLimit;
  else o.kind = ProcessOutcome::Kind::kFailedToStart;
  o.exit_code = j.value("exit_code", -1);
  o.signal = j.value("signal", 0);
  o.wall_seconds = j.value("wall_s", 0.0);
  o.cpu_seconds = j.value("cpu_s", 0.0);
  o.max_rss_kb = j.value("max_rss_kb", 0LL);
  o.output_bytes = j.value("output_bytes", 0LL);
  o.output = j.value("output", "");
  o.isolation = j.value("isolation", "");
  o.error = j.value("error", "");
  o.verdict = j.value("verdict", "");
  if (kind == "cancelled") o.error = "cancelled at shutdown";
  o.cpu_limit = o.kind == ProcessOutcome::Kind::kSignaled && o.signal == SIGXCPU;
  o.file_size_limit = o.kind == ProcessOutcome::Kind::kSignaled && o.signal == SIGXFSZ;
  const bool failed = !(o.kind == ProcessOutcome::Kind::kExited && o.exit_code == 0) &&
                      o.kind != ProcessOutcome::Kind::kTimedOut;
  const bool near_rlimit = l.memory_bytes > 0 && o.max_rss_kb * 1024.0 >= 0.8 * static_cast<double>(l.memory_bytes);
  o.memory_limit = failed && (j.value("memory_limit", false) || near_rlimit || LooksOutOfMemory(o.output));
  return o;
}

void Sandbox::KillAll() const {
  std::lock_guard<std::mutex> lock(mu_);
  for (int pid : running_) kill(pid, SIGTERM);  // the helper kills its tree and reports
}

Result<ScratchDir> ScratchDir::Create(const fs::path& root, const std::string& prefix) {
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return FailedPreconditionError("cannot create scratch root " + root.string() + ": " + ec.message());
  static std::atomic<unsigned long> counter{0};
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path dir = root / (prefix + "-" + std::to_string(getpid()) + "-" +
                           std::to_string(counter++) + "-" + std::to_string(rd() % 100000));
    if (fs::create_directory(dir, ec)) {
      fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec, ec);
      return ScratchDir(dir);
    }
  }
  return FailedPreconditionError("cannot create a scratch dir under " + root.string());
}

ScratchDir::ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

ScratchDir::~ScratchDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace autocomp
