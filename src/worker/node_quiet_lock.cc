// src/worker/node_quiet_lock.cc — flock-based build/measure exclusion per node.
#include "worker/node_quiet_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

namespace autocomp {

namespace {

int OpenLocked(const std::string& path, int operation) {
  if (path.empty()) return -1;
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return -1;
  while (flock(fd, operation) != 0) {
    if (errno != EINTR) {
      close(fd);
      return -1;
    }
  }
  return fd;
}

}  // namespace

NodeQuietLock::NodeQuietLock(const std::filesystem::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  lock_path_ = (dir / "node-quiet.lock").string();
  turnstile_path_ = (dir / "node-quiet.turnstile").string();
}

NodeQuietLock::Guard::~Guard() {
  if (fd_ >= 0) close(fd_);  // closing releases the flock
}

NodeQuietLock::Guard NodeQuietLock::ForBuild() const {
  int turnstile = OpenLocked(turnstile_path_, LOCK_SH);  // waits while a measurement is queued
  int fd = OpenLocked(lock_path_, LOCK_SH);
  if (turnstile >= 0) close(turnstile);
  return Guard(fd);
}

NodeQuietLock::Guard NodeQuietLock::ForMeasure() const {
  int turnstile = OpenLocked(turnstile_path_, LOCK_EX);  // stop new builds from entering
  int fd = OpenLocked(lock_path_, LOCK_EX);              // wait for running builds
  if (turnstile >= 0) close(turnstile);
  return Guard(fd);
}

}  // namespace autocomp
