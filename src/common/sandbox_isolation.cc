// src/common/sandbox_isolation.cc — namespaces, read-only mounts, uid choice.
#include "common/sandbox_isolation.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace autocomp::sandbox_internal {

namespace {

uid_t g_chown_uid = 0;
gid_t g_chown_gid = 0;

// Hands the scratch dir to the sandbox uid. A regular file with more than one
// link may be a hard link to a trusted file elsewhere (a cached harness):
// changing its owner would hand that file to the candidate, so it stays as it is.
int ChownEntry(const char* path, const struct stat* st, int, struct FTW*) {
  if (S_ISREG(st->st_mode) && st->st_nlink > 1) return 0;
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

// Creates `path` (and its parents) as directories, or as an empty file when `file`.
bool MakeMountPoint(const std::string& path, bool file) {
  for (size_t at = 1; at != std::string::npos; at = path.find('/', at + 1)) {
    const std::string part = path.substr(0, at);
    if (!part.empty() && part != path) mkdir(part.c_str(), 0755);
  }
  if (!file) return mkdir(path.c_str(), 0755) == 0 || errno == EEXIST;
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) close(fd);
  return fd >= 0;
}

// A path that must stay visible under a fresh tmpfs: held open (O_PATH)
// before the tmpfs hides it, bound back at the same place afterwards.
struct KeptPath {
  std::string path;
  bool writable = false;
  int fd = -1;
  bool file = false;
};

// Remount every mount read-only except the scratch dir and kernel
// filesystems, then give the command private, small, writable /tmp,
// /var/tmp and /dev/shm, and empty /home and /root (users' files are no
// business of candidate code, not even through an #include). The scratch
// dir and `read_only` paths that lie under one of them are bound back in
// (the scratch dir writable).
bool MakeFilesystemReadOnly(const std::string& workdir, const std::vector<std::string>& read_only, int shm_mb) {
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
  for (const char* tmp : {"/tmp", "/var/tmp", "/dev/shm", "/home", "/root"}) {
    struct stat st;
    if (stat(tmp, &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    std::vector<KeptPath> kept;
    if (Under(workdir, tmp)) kept.push_back({workdir, true});
    for (const std::string& p : read_only) {
      if (Under(p, tmp)) kept.push_back({p, false});
    }
    bool usable = true;
    for (KeptPath& k : kept) {
      k.fd = open(k.path.c_str(), O_PATH | O_CLOEXEC);
      struct stat ks;
      if (k.fd < 0 || fstat(k.fd, &ks) != 0) {
        if (k.writable) usable = false;  // cannot hide the scratch dir's parent
        continue;
      }
      k.file = !S_ISDIR(ks.st_mode);
    }
    const std::string options =
        "size=" + std::to_string(std::string(tmp) == "/dev/shm" ? std::max(shm_mb, 1) : 64) + "m,mode=1777";
    if (usable && mount("tmpfs", tmp, "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0) {
      for (const KeptPath& k : kept) {
        if (k.fd < 0) continue;
        const std::string source = "/proc/self/fd/" + std::to_string(k.fd);
        if (!MakeMountPoint(k.path, k.file) ||
            mount(source.c_str(), k.path.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) {
          if (k.writable) root_done = false;  // the scratch dir is lost: report the failure
          continue;
        }
        if (!k.writable) {
          (void)mount(nullptr, k.path.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, nullptr);
        }
      }
    }
    for (const KeptPath& k : kept) {
      if (k.fd >= 0) close(k.fd);
    }
  }
  return root_done;
}

// Covers every /dev/nvidiaN not in `keep` with /dev/null (in this mount
// namespace only); the shared nodes (nvidiactl, nvidia-uvm) stay. Returns
// how many were hidden, or -1 when a bind failed.
int HideOtherGpus(const std::vector<int>& keep) {
  int hidden = 0;
  DIR* dev = opendir("/dev");
  if (!dev) return 0;
  while (dirent* entry = readdir(dev)) {
    const std::string name = entry->d_name;
    if (name.rfind("nvidia", 0) != 0 || name.size() == 6) continue;
    const std::string digits = name.substr(6);
    if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const int minor = std::atoi(digits.c_str());
    if (std::find(keep.begin(), keep.end(), minor) != keep.end()) continue;
    const std::string path = "/dev/" + name;
    if (mount("/dev/null", path.c_str(), nullptr, MS_BIND, nullptr) != 0) {
      closedir(dev);
      return -1;
    }
    ++hidden;
  }
  closedir(dev);
  return hidden;
}

}  // namespace

IsolationResult Isolate(bool want, const std::string& workdir, const std::vector<std::string>& read_only,
                        pid_t unique, const IsolationExtras& extras) {
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
      what += MakeFilesystemReadOnly(workdir, read_only, extras.shm_mb)
                  ? ", read-only filesystem except scratch, private /tmp, no /home or /root"
                  : ", filesystem left writable (remount refused)";
      if (extras.gpus) {
        const int hidden = HideOtherGpus(*extras.gpus);
        what += hidden < 0 ? ", other GPUs NOT hidden (bind refused)"
                           : ", other GPUs hidden (" + std::to_string(hidden) + ")";
      }
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
