// src/common/memory_cgroup.h
//
// A memory limit for a command tree through a cgroup v2 child of the
// sandbox helper's own cgroup: unlike RLIMIT_AS it limits memory in use, not
// address space, so it works with the CUDA driver (which maps terabytes of
// virtual space). It needs the memory controller delegated to the helper's
// cgroup (memory listed in its cgroup.subtree_control); where that is not
// so, Create() says why and the caller falls back.
//
// Used only by the sandbox helper (sandbox_shim_main.cc), single threaded.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace autocomp::sandbox_internal {

class MemoryCgroup {
 public:
  // A new cgroup limited to `bytes` (memory.max; swap off where allowed), or
  // nullopt with `*why_not` set.
  static std::optional<MemoryCgroup> Create(int64_t bytes, pid_t unique, std::string* why_not);

  // Moves the calling process into the cgroup; its children inherit it.
  bool Enter() const;
  // Whether the kernel killed something in it for want of memory.
  bool OomKilled() const;
  // Moves the calling process back out and removes the cgroup (its
  // processes must be gone).
  void Remove() const;

  const std::string& path() const { return path_; }

 private:
  MemoryCgroup(std::string parent, std::string path) : parent_(std::move(parent)), path_(std::move(path)) {}
  std::string parent_;
  std::string path_;
};

}  // namespace autocomp::sandbox_internal
