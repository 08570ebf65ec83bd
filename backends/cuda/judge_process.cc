// backends/cuda/judge_process.cc — starting the judge and one request/reply line at a time.
#include "cuda/judge_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace autocomp::cuda {

Result<std::unique_ptr<JudgeProcess>> JudgeProcess::Start(const std::vector<std::string>& argv,
                                                          const std::map<std::string, std::string>& env,
                                                          const std::filesystem::path& log_file,
                                                          const std::vector<int>& cpus) {
  if (argv.empty()) return InvalidArgumentError("judge: empty command");
  int to[2], from[2];
  if (pipe2(to, O_CLOEXEC) != 0 || pipe2(from, O_CLOEXEC) != 0) {
    return UnavailableError(std::string("judge: pipe failed: ") + std::strerror(errno));
  }
  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string key = entry.substr(0, entry.find('='));
    if (!env.count(key)) envs.push_back(entry);
  }
  for (const auto& [key, value] : env) envs.push_back(key + "=" + value);
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const int log = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int c : cpus) CPU_SET(c, &set);
  const pid_t pid = fork();
  if (pid < 0) return UnavailableError(std::string("judge: fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    dup2(to[0], 0);
    dup2(from[1], 1);
    if (log >= 0) dup2(log, 2);
    setpgid(0, 0);  // its own group: Kill() takes its children too
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // and it never outlives the worker thread that owns it
    if (!cpus.empty()) sched_setaffinity(0, sizeof set, &set);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(to[0]);
  close(from[1]);
  if (log >= 0) close(log);
  return std::unique_ptr<JudgeProcess>(new JudgeProcess(pid, to[1], from[0]));
}

JudgeProcess::~JudgeProcess() {
  if (pid_ > 0) {
    const std::string quit = "{\"op\": \"quit\"}\n";
    (void)!write(to_fd_, quit.data(), quit.size());
    close(to_fd_);
    to_fd_ = -1;
    // The judge stops its candidate host and exits; give it a moment.
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      usleep(50000);
    }
  }
  Kill();
  if (from_fd_ >= 0) close(from_fd_);
}

void JudgeProcess::Kill() {
  if (pid_ > 0) {
    kill(-pid_, SIGKILL);
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  if (to_fd_ >= 0) close(to_fd_);
  to_fd_ = -1;
}

Result<nlohmann::json> JudgeProcess::Call(const nlohmann::json& request, double timeout_s) {
  if (pid_ <= 0) return UnavailableError("the cuda judge is not running");
  const std::string line = request.dump() + "\n";
  size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = write(to_fd_, line.data() + written, line.size() - written);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      Kill();
      return UnavailableError("the cuda judge exited (its input closed)");
    }
    written += static_cast<size_t>(n);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  constexpr size_t kMaxReply = 64 << 20;
  for (;;) {
    const size_t nl = pending_.find('\n');
    if (nl != std::string::npos) {
      const std::string reply = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      nlohmann::json j = nlohmann::json::parse(reply, nullptr, false);
      if (!j.is_object()) {
        Kill();
        return UnavailableError("the cuda judge answered something that is not a JSON object");
      }
      return j;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      Kill();
      return UnavailableError("the cuda judge did not answer within " + std::to_string(static_cast<int>(timeout_s)) + " s");
    }
    struct pollfd p = {from_fd_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char buffer[65536];
    const ssize_t n = read(from_fd_, buffer, sizeof buffer);
    if (n <= 0) {
      Kill();
      return UnavailableError("the cuda judge exited (see its log)");
    }
    pending_.append(buffer, static_cast<size_t>(n));
    if (pending_.size() > kMaxReply) {
      Kill();
      return UnavailableError("the cuda judge's reply is too long");
    }
  }
}

}  // namespace autocomp::cuda
