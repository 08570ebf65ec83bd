// src/worker/node_quiet_lock.h
//
// Keeps a node quiet while a CPU-timed measurement runs: measurements take
// the node lock exclusively, builds take it shared, so on one node a timed
// run never overlaps a compile or another timed run — whichever rank they
// belong to. A turnstile in front of the lock keeps a steady stream of
// builds from starving a waiting measurement. Both are flock(2) locks on
// files in the node-local scratch root, released automatically if a
// process dies.
//
// Only for backends whose device is the CPU itself (Backend::
// measurement_needs_quiet_node); GPU and simulator measurements do not
// need it. Thread-safety: the guards may be used from any thread.
#pragma once

#include <filesystem>
#include <string>

namespace autocomp {

class NodeQuietLock {
 public:
  // `dir` is node-local and shared by the node's ranks; an empty dir disables the lock.
  explicit NodeQuietLock(const std::filesystem::path& dir);

  class Guard {
   public:
    Guard(Guard&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Guard(const Guard&) = delete;
    ~Guard();

   private:
    friend class NodeQuietLock;
    explicit Guard(int fd) : fd_(fd) {}
    int fd_;
  };

  Guard ForBuild() const;    // shared
  Guard ForMeasure() const;  // exclusive

 private:
  std::string lock_path_, turnstile_path_;
};

}  // namespace autocomp
