// backends/cpu/harness_cache.cc — builds, caches and verifies the cpu
// backend's trusted files (see harness_cache.h).
#include "harness_cache.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>

#include "common/file_text.h"
#include "common/hashing.h"
#include "common/tool_identity.h"

namespace autocomp::cpu {

namespace fs = std::filesystem;

namespace {

const char* const kFiles[] = {"reference.so", "call_stub.o", "call.o", "peak", "calib"};

// "cc (Debian 12.2.0-14) 12.2.0": what compiles the trusted files and the candidates.
std::string CompilerIdentity(const Sandbox& sandbox, const fs::path& workdir) {
  static std::mutex mu;
  static std::string identity;
  std::lock_guard<std::mutex> lock(mu);
  if (identity.empty()) identity = ToolVersionLine(sandbox, workdir, "cc");
  return identity;
}

HarnessFiles FilesIn(const fs::path& dir) {
  return {dir, dir / "reference.so", dir / "call_stub.o", dir / "call.o", dir / "peak", dir / "calib"};
}

}  // namespace

std::string HarnessCache::SourcesHash() const {
  std::string all = CompilerIdentity(*sandbox_, cache_dir_) + "\n";
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(home_ / "backends/cpu/harness", ec)) files.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(home_ / "backends/cpu/runner", ec)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) all += f.filename().string() + "\n" + FileTextOrEmpty(f);
  return Sha256Hex(all).substr(0, 16);
}

Result<HarnessFiles> HarnessCache::FilesFor(const Problem& problem) {
  const std::string kind = problem.spec.value("kind", "");
  const fs::path harness_dir = home_ / "backends/cpu/harness";
  const fs::path call = harness_dir / (kind + "_call.c");
  const fs::path reference = problem.dir / "reference.c";
  if (!fs::exists(call)) return NotFoundError("no harness for kind '" + kind + "': " + call.string());
  if (!fs::exists(reference)) return NotFoundError("missing reference: " + reference.string());

  std::string sources = CompilerIdentity(*sandbox_, cache_dir_) + FileTextOrEmpty(call) + FileTextOrEmpty(reference);
  for (const char* f : {"call_protocol.h", "call_stub.c", "peak_probe.c"}) sources += FileTextOrEmpty(harness_dir / f);
  const std::string name = "cpu-harness-" + kind + "-" + Sha256Hex(sources).substr(0, 20);
  // The sandbox's uid must reach the folders below the cache dir.
  std::error_code ec;
  fs::create_directories(cache_dir_, ec);
  fs::permissions(cache_dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec, ec);
  AUTOCOMP_ASSIGN_OR_RETURN(fs::path dir, cache_.Get(name, std::vector<std::string>(std::begin(kFiles), std::end(kFiles)),
                                                     [&](const fs::path& tmp) { return Build(kind, reference, tmp); }));
  return FilesIn(dir);
}

Status HarnessCache::Build(const std::string& kind, const fs::path& reference, const fs::path& tmp) {
  const fs::path harness_dir = home_ / "backends/cpu/harness";
  const std::string include = "-I'" + harness_dir.string() + "'";
  SandboxSpec spec;
  spec.workdir = tmp;
  spec.isolate = false;  // our own sources
  spec.limits.wall_seconds = 300;
  spec.argv = {"sh", "-c",
               "cc -O3 -march=native -shared -fPIC '" + reference.string() + "' -o reference.so -lm && " +
                   "cc -O2 -fno-common " + include + " -c '" + (harness_dir / "call_stub.c").string() +
                   "' -o call_stub.o && " + "cc -O2 -fno-common " + include + " -c '" +
                   (harness_dir / (kind + "_call.c")).string() + "' -o call.o && " + "cc -O2 -march=native '" +
                   (harness_dir / "peak_probe.c").string() + "' -o peak && " +
                   // The calibration program: the stub with a solution that does nothing, linked as a candidate is.
                   "printf 'void " + kind + "(void) {}\\n' > empty.c && cc -O2 -c empty.c -o empty.o && "
                   "cc -static -Wl,-z,noexecstack empty.o call.o call_stub.o -o calib -lm && rm empty.c empty.o"};
  ProcessOutcome outcome = sandbox_->Run(spec);
  if (!outcome.Succeeded()) {
    return FailedPreconditionError("building the " + kind + " harness failed (" + outcome.Describe() + "):\n" +
                                   outcome.Tail(4000));
  }
  return Status::Ok();
}

}  // namespace autocomp::cpu
