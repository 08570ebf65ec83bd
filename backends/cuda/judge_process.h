// backends/cuda/judge_process.h
//
// A long-lived trusted helper process (the cuda judge, harness/cuda_judge.py)
// that takes one JSON request per line on its stdin and answers one JSON
// line on its stdout. Its stderr goes to a log file. A call that is not
// answered in time, or a judge that died, kills it; the next Call() on a
// fresh JudgeProcess starts a new one.
//
// Thread-safety: one caller at a time (the owner serializes calls).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace autocomp::cuda {

class JudgeProcess {
 public:
  // Starts `argv` (argv[0] an absolute path) with `env` added to ours, on
  // `cpus` (all when empty): the cores its candidate host measures on, so
  // the references it times itself see the same machine.
  static Result<std::unique_ptr<JudgeProcess>> Start(const std::vector<std::string>& argv,
                                                     const std::map<std::string, std::string>& env,
                                                     const std::filesystem::path& log_file,
                                                     const std::vector<int>& cpus = {});
  ~JudgeProcess();
  JudgeProcess(const JudgeProcess&) = delete;
  JudgeProcess& operator=(const JudgeProcess&) = delete;

  // Sends `request`, returns the reply object. Unavailable when the judge
  // died or did not answer within `timeout_s` (it is then killed).
  Result<nlohmann::json> Call(const nlohmann::json& request, double timeout_s);

  bool alive() const { return pid_ > 0; }

 private:
  JudgeProcess(pid_t pid, int to_fd, int from_fd) : pid_(pid), to_fd_(to_fd), from_fd_(from_fd) {}
  void Kill();

  pid_t pid_;
  int to_fd_;
  int from_fd_;
  std::string pending_;  // bytes read past the last reply line
};

}  // namespace autocomp::cuda
