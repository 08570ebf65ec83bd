// src/common/trusted_cache.cc — see trusted_cache.h.
#include "common/trusted_cache.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "common/file_text.h"
#include "common/hashing.h"

namespace autocomp {
namespace fs = std::filesystem;
namespace {

constexpr const char* kManifest = "manifest";
constexpr const char* kComplete = "complete";

void MakeReadOnly(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const bool exec = (entry.status().permissions() & fs::perms::owner_exec) != fs::perms::none;
    fs::permissions(entry.path(),
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read |
                        (exec ? fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec
                              : fs::perms::none),
                    ec);
  }
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec, ec);
}

}  // namespace

Status TrustedCache::Verify(const fs::path& dir, const std::vector<std::string>& files) {
  auto& sums = sums_[dir.string()];
  if (sums.empty()) {
    std::ifstream in(dir / kManifest);
    std::string hash, name;
    while (in >> hash >> name) sums[name] = hash;
  }
  for (const std::string& name : files) {
    auto it = sums.find(name);
    if (it == sums.end() || Sha256Hex(FileTextOrEmpty(dir / name)) != it->second) {
      sums_.erase(dir.string());
      return DataLossError("trusted file " + (dir / name).string() + " does not match its checksum");
    }
  }
  return Status::Ok();
}

Result<fs::path> TrustedCache::Get(const std::string& name, const std::vector<std::string>& files,
                                   const std::function<Status(const fs::path&)>& build) {
  const fs::path dir = root_ / name;
  std::lock_guard<std::mutex> lock(mu_);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!fs::exists(dir / kComplete)) {
      std::error_code ec;
      fs::create_directories(root_, ec);
      const fs::path tmp = root_ / ("tmp-" + name + "-" + std::to_string(getpid()));
      fs::remove_all(tmp, ec);
      fs::create_directories(tmp, ec);
      if (ec) return FailedPreconditionError("cannot create " + tmp.string() + ": " + ec.message());
      Status built = build(tmp);
      if (!built.ok()) {
        fs::remove_all(tmp, ec);
        return built;
      }
      std::ofstream manifest(tmp / kManifest);
      for (const std::string& f : files) manifest << Sha256Hex(FileTextOrEmpty(tmp / f)) << " " << f << "\n";
      manifest.close();
      std::ofstream(tmp / kComplete) << "ok\n";
      MakeReadOnly(tmp);
      fs::rename(tmp, dir, ec);
      if (ec) fs::remove_all(tmp, ec);  // another process won the race; its files are the same
      sums_.erase(dir.string());
    }
    Status verified = Verify(dir, files);
    if (verified.ok()) return dir;
    if (attempt == 1) return verified;
    std::error_code ec;
    fs::remove_all(dir, ec);  // damaged: build it again
  }
  return InternalError("unreachable");
}

}  // namespace autocomp
