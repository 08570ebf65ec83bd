// backends/cpu/harness_cache.h
//
// Builds the node-specific trusted files of the cpu backend once per
// content hash, into <cache_dir>/cpu-harness-<kind>-<hash>/:
//
//   reference.so   the problem set's reference.c (-O3 -march=native), loaded
//                  by the trusted runner (runner/kernel_runner.h)
//   call_stub.o, call.o   the call stub and the kind's invoke function,
//                  linked into each candidate's executable
//   peak           the peak probe (harness/peak_probe.c), -march=native
//   calib          the call stub linked with a solution that does nothing:
//                  count mode subtracts its count (runner/kernel_runner.h)
//
// Trusted build products are immutable (docs/evaluation.md, item 5): they
// are written by the worker's uid, read-only for everyone else, never
// linked into a candidate's scratch dir (copies are), and their SHA-256
// checksums are recorded when built and checked before every use; a
// mismatch rebuilds the folder, and a second mismatch is an error.
//
// Safe to call from many threads and from several processes sharing the
// cache dir (each build goes to a temporary dir that is renamed into place;
// a lost race just uses the winner's files).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "common/problem.h"
#include "common/sandbox.h"
#include "common/status.h"
#include "common/trusted_cache.h"

namespace autocomp::cpu {

struct HarnessFiles {
  std::filesystem::path dir;        // read-only for candidates; bind it into their sandbox
  std::filesystem::path reference;  // reference.so
  std::filesystem::path call_stub;  // call_stub.o
  std::filesystem::path call;       // call.o
  std::filesystem::path peak;       // the peak probe
  std::filesystem::path calib;      // the call stub with an empty solution: count mode's zero
};

class HarnessCache {
 public:
  HarnessCache(std::filesystem::path home, std::filesystem::path cache_dir,
               std::shared_ptr<const Sandbox> sandbox)
      : home_(std::move(home)), cache_dir_(std::move(cache_dir)), sandbox_(std::move(sandbox)), cache_(cache_dir_) {}

  // The files for `problem`'s kind and set, built if needed, checksums verified.
  Result<HarnessFiles> FilesFor(const Problem& problem);

  // Hash of every harness source and of the compiler; part of the backend version.
  std::string SourcesHash() const;

 private:
  // Builds the files into `tmp` (TrustedCache does the checksums, permissions and the rename).
  Status Build(const std::string& kind, const std::filesystem::path& reference, const std::filesystem::path& tmp);

  std::filesystem::path home_;
  std::filesystem::path cache_dir_;
  std::shared_ptr<const Sandbox> sandbox_;
  TrustedCache cache_;
};

}  // namespace autocomp::cpu
