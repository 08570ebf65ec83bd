// src/common/memory_cgroup.cc — a cgroup v2 memory limit for the sandbox helper.
#include "common/memory_cgroup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace autocomp::sandbox_internal {

namespace {

// Where cgroup2 is mounted ("" if it is not), from /proc/self/mountinfo.
std::string Cgroup2Mount() {
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    const size_t dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    std::istringstream after(line.substr(dash + 3));
    std::string fstype;
    after >> fstype;
    if (fstype != "cgroup2") continue;
    std::istringstream fields(line);
    std::string id, parent, devno, root, point;
    fields >> id >> parent >> devno >> root >> point;
    return point;
  }
  return "";
}

// This process's cgroup v2 path ("0::/path" in /proc/self/cgroup).
std::string OwnCgroup() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("0::", 0) == 0) return line.substr(3);
  }
  return "";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool Write(const std::string& path, const std::string& value) {
  std::ofstream out(path);
  out << value;
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace

std::optional<MemoryCgroup> MemoryCgroup::Create(int64_t bytes, pid_t unique, std::string* why_not) {
  const std::string mount = Cgroup2Mount();
  if (mount.empty()) {
    *why_not = "no cgroup v2 mounted";
    return std::nullopt;
  }
  const std::string own = OwnCgroup();
  if (own.empty()) {
    *why_not = "this process is in no cgroup v2";
    return std::nullopt;
  }
  const std::string parent = mount + (own == "/" ? "" : own);
  std::istringstream controllers(ReadAll(parent + "/cgroup.subtree_control"));
  bool memory = false;
  for (std::string c; controllers >> c;) memory = memory || c == "memory";
  if (!memory) {
    *why_not = "the memory controller is not delegated to " + parent;
    return std::nullopt;
  }
  const std::string path = parent + "/autocomp-sandbox-" + std::to_string(unique);
  if (mkdir(path.c_str(), 0755) != 0) {
    *why_not = "cannot create " + path;
    return std::nullopt;
  }
  if (!Write(path + "/memory.max", std::to_string(bytes))) {
    rmdir(path.c_str());
    *why_not = "cannot set memory.max in " + path;
    return std::nullopt;
  }
  (void)Write(path + "/memory.swap.max", "0");
  return MemoryCgroup(parent, path);
}

bool MemoryCgroup::Enter() const { return Write(path_ + "/cgroup.procs", std::to_string(getpid())); }

bool MemoryCgroup::OomKilled() const {
  std::istringstream events(ReadAll(path_ + "/memory.events"));
  std::string key;
  long long value = 0;
  while (events >> key >> value) {
    if (key == "oom_kill" && value > 0) return true;
  }
  return false;
}

void MemoryCgroup::Remove() const {
  (void)Write(parent_ + "/cgroup.procs", std::to_string(getpid()));
  rmdir(path_.c_str());
}

}  // namespace autocomp::sandbox_internal
