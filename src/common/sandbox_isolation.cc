// src/common/sandbox_isolation.cc — namespaces, read-only mounts, uid choice.
#include "common/sandbox_isolation.h"

#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace autocomp::sandbox_internal {

namespace {

uid_t g_chown_uid = 0;
gid_t g_chown_gid = 0;

int ChownEntry(const char* path, const struct stat*, int, struct FTW*) {
  (void)lchown(path, g_chown_uid, g_chown_gid);
  return 0;
}

bool WriteFile(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

// Mount points from /proc/self/mountinfo (field 5), with octal escapes decoded.
std::vector<std::string> MountPoints() {
  std::vector<std::string> points;
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, parent, devno, root, point;
    fields >> id >> parent >> devno >> root >> point;
    std::string decoded;
    for (size_t i = 0; i < point.size(); ++i) {
      if (point[i] == '\\' && i + 3 < point.size()) {
        decoded += static_cast<char>(std::strtol(point.substr(i + 1, 3).c_str(), nullptr, 8));
        i += 3;
      } else {
        decoded += point[i];
      }
    }
    points.push_back(decoded);
  }
  return points;
}

bool Under(const std::string& path, const std::string& dir) {
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 &&
                         path[dir.size()] == '/');
}

// Remount every mount read-only except the scratch dir and kernel filesystems.
bool MakeFilesystemReadOnly(const std::string& workdir) {
  if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
  if (mount(workdir.c_str(), workdir.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) return false;
  bool root_done = false;
  for (const std::string& point : MountPoints()) {
    if (Under(point, workdir) || Under(point, "/proc") || Under(point, "/sys") ||
        point == "/dev" || Under(point, "/dev/pts")) {
      continue;
    }
    struct statvfs fs;
    if (statvfs(point.c_str(), &fs) != 0) continue;
    unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY;
    if (fs.f_flag & ST_NOSUID) flags |= MS_NOSUID;
    if (fs.f_flag & ST_NODEV) flags |= MS_NODEV;
    if (fs.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (fs.f_flag & ST_NOATIME) flags |= MS_NOATIME;
    if (fs.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    if (mount(nullptr, point.c_str(), nullptr, flags, nullptr) == 0 && point == "/") root_done = true;
  }
  // Private, small, writable temporary dirs for tools that ignore TMPDIR.
  for (const char* tmp : {"/tmp", "/var/tmp", "/dev/shm"}) {
    struct stat st;
    if (Under(workdir, tmp)) continue;  // would hide the scratch dir
    if (stat(tmp, &st) == 0 && S_ISDIR(st.st_mode)) {
      (void)mount("tmpfs", tmp, "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777");
    }
  }
  return root_done;
}

}  // namespace

IsolationResult Isolate(bool want, const std::string& workdir, pid_t unique) {
  IsolationResult result;
  const bool root = geteuid() == 0;
  if (!want) {
    result.description = "none (trusted command): process group and limits";
    return result;
  }
  const bool namespaces_allowed = std::getenv("AUTOCOMP_SANDBOX_NO_NAMESPACES") == nullptr;
  std::string what;
  if (namespaces_allowed) {
    int flags = CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWNS;
    bool entered = false;
    if (root) {
      entered = unshare(flags) == 0;
    } else {
      uid_t uid = getuid();
      gid_t gid = getgid();
      entered = unshare(flags | CLONE_NEWUSER) == 0;
      if (entered) {
        WriteFile("/proc/self/setgroups", "deny");
        WriteFile("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1");
        WriteFile("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1");
        what = "user+";
      }
    }
    if (entered) {
      result.pid_namespace = true;
      what += "pid+net+mount namespaces";
      what += MakeFilesystemReadOnly(workdir) ? ", read-only filesystem except scratch"
                                              : ", filesystem left writable (remount refused)";
    }
  }
  if (what.empty()) what = "process group and limits only (namespaces unavailable)";
  if (root) {
    result.drop_uid = true;
    result.uid = static_cast<uid_t>(200000 + unique);
    result.gid = static_cast<gid_t>(200000 + unique);
    g_chown_uid = result.uid;
    g_chown_gid = result.gid;
    nftw(workdir.c_str(), ChownEntry, 16, FTW_PHYS);
    what += ", uid " + std::to_string(result.uid);
  }
  result.description = what;
  return result;
}

}  // namespace autocomp::sandbox_internal
