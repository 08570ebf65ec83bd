// backends/cpu/harness_cache.cc — builds and caches harness objects.
#include "harness_cache.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/hashing.h"

namespace autocomp::cpu {

namespace fs = std::filesystem;

namespace {

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string HarnessCache::SourcesHash() const {
  std::string all;
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(home_ / "backends/cpu/harness", ec)) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) all += f.filename().string() + "\n" + ReadFile(f);
  return Sha256Hex(all).substr(0, 16);
}

Result<std::vector<fs::path>> HarnessCache::ObjectsFor(const Problem& problem) {
  const std::string kind = problem.spec.value("kind", "");
  const fs::path harness_dir = home_ / "backends/cpu/harness";
  const fs::path harness = harness_dir / (kind + "_harness.cc");
  const fs::path reference = problem.dir / "reference.c";
  if (!fs::exists(harness)) return NotFoundError("no harness for kind '" + kind + "': " + harness.string());
  if (!fs::exists(reference)) return NotFoundError("missing reference: " + reference.string());

  const std::string key = Sha256Hex(ReadFile(harness) + ReadFile(harness_dir / "harness_common.h") +
                                    ReadFile(harness_dir / "timed_region.cc") + ReadFile(reference))
                              .substr(0, 20);
  const fs::path dir = cache_dir_ / ("cpu-harness-" + kind + "-" + key);
  std::vector<fs::path> objects = {dir / "harness.o", dir / "timed_region.o", dir / "reference.o"};
  std::lock_guard<std::mutex> lock(mu_);
  if (fs::exists(dir / "complete")) return objects;

  std::error_code ec;
  fs::create_directories(cache_dir_, ec);
  fs::permissions(cache_dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec, ec);
  const fs::path tmp = cache_dir_ / ("tmp-" + kind + "-" + key + "-" + std::to_string(getpid()));
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp, ec);
  if (ec) return FailedPreconditionError("cannot create " + tmp.string() + ": " + ec.message());

  const std::string include = "-I" + harness_dir.string();
  SandboxSpec spec;
  spec.workdir = tmp;
  spec.isolate = false;  // our own sources
  spec.limits.wall_seconds = 300;
  spec.argv = {"sh", "-c",
               "c++ -std=c++17 -O2 " + include + " -c '" + harness.string() + "' -o harness.o && " +
                   "c++ -std=c++17 -O2 " + include + " -c '" + (harness_dir / "timed_region.cc").string() +
                   "' -o timed_region.o && " + "cc -O2 -c '" + reference.string() + "' -o reference.o"};
  ProcessOutcome outcome = sandbox_->Run(spec);
  if (!outcome.Succeeded()) {
    fs::remove_all(tmp, ec);
    return FailedPreconditionError("building the " + kind + " harness failed (" + outcome.Describe() +
                                   "):\n" + outcome.Tail(4000));
  }
  std::ofstream(tmp / "complete") << "ok\n";
  for (const auto& entry : fs::directory_iterator(tmp, ec)) {
    fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::owner_write |
                                      fs::perms::group_read | fs::perms::others_read, ec);
  }
  fs::permissions(tmp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec, ec);
  fs::rename(tmp, dir, ec);
  if (ec) fs::remove_all(tmp, ec);  // another process won the race; its objects are identical
  if (!fs::exists(dir / "complete")) return InternalError("harness cache dir " + dir.string() + " incomplete");
  return objects;
}

}  // namespace autocomp::cpu
