// backends/cpu/runner/candidate_process.h
//
// The runner's handle on the candidate's process: starts it confined (see
// kernel_runner.h), and drives it one call at a time so that it runs only
// inside calls. Between calls it is stopped; Call() continues it, sends
// CALL, waits for DONE, stops it again and only then reads the clock.
//
// Every failure of the child (death, hang, protocol abuse) is an Outcome
// with a message; nothing here throws. Single-threaded use by the runner.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace autocomp::cpu_harness {

struct ChildSpec {
  std::vector<std::string> argv;   // argv[0] is the program (path inside the child's root)
  std::vector<std::string> env;
  int shm_fd = -1;                 // becomes fd 3 in the child
  bool threads = false;
  bool jail = false;               // chroot into the working directory
  uid_t uid = 0;                   // 0: keep the runner's
  gid_t gid = 0;
};

class CandidateProcess {
 public:
  enum class Outcome { kDone, kDied, kTimedOut, kProtocol };
  struct CallResult {
    Outcome outcome = Outcome::kDone;
    double seconds = 0;      // continue .. stopped
    std::string message;     // why not kDone
  };

  CandidateProcess() = default;
  ~CandidateProcess();
  CandidateProcess(const CandidateProcess&) = delete;
  CandidateProcess& operator=(const CandidateProcess&) = delete;

  // Starts the child, hands it the filter program, waits until it is ready and stopped.
  CallResult Start(const ChildSpec& spec, double deadline);
  // One call; `deadline` is CLOCK_MONOTONIC seconds.
  CallResult Call(double deadline);
  // Tells the child to exit and waits for it (callgrind writes its counts then).
  CallResult Exit(double deadline);
  void Kill();

 private:
  CallResult WaitReply(char expected, double deadline);
  CallResult EndOfReplies();
  bool StopAndWait(std::string* why);
  std::string DescribeDeath();

  pid_t pid_ = -1;
  int command_fd_ = -1, reply_fd_ = -1;
  int status_ = 0;
  bool reaped_ = false;
};

// CLOCK_MONOTONIC in seconds.
double Now();

}  // namespace autocomp::cpu_harness
