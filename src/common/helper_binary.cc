// src/common/helper_binary.cc — where autocomp's helper programs are found.
#include "common/helper_binary.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace autocomp {

namespace fs = std::filesystem;

std::string FindHelperBinary(const std::string& name, const char* env_variable, const std::string& build_path) {
  if (const char* env = std::getenv(env_variable); env && *env) return env;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path dir = self.parent_path();
    for (const fs::path& candidate : {dir / name, dir.parent_path() / name, dir.parent_path().parent_path() / name}) {
      if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  if (!build_path.empty() && access(build_path.c_str(), X_OK) == 0) return build_path;
  return "";
}

}  // namespace autocomp
