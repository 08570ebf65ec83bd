// backends/cpu/harness_cache.h
//
// Builds the trusted part of a cpu candidate's executable — the harness for
// the problem's kind, the set's reference, the timed-region stub — once per
// content hash, into <cache_dir>/cpu-harness-<hash>/, and hands out the
// object paths. Safe to call from many threads and from several processes
// sharing the cache dir (each build goes to a temporary dir that is renamed
// into place; a lost race just uses the winner's objects).
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "common/problem.h"
#include "common/sandbox.h"
#include "common/status.h"

namespace autocomp::cpu {

class HarnessCache {
 public:
  HarnessCache(std::filesystem::path home, std::filesystem::path cache_dir,
               std::shared_ptr<const Sandbox> sandbox)
      : home_(std::move(home)), cache_dir_(std::move(cache_dir)), sandbox_(std::move(sandbox)) {}

  // Object files to link with a candidate of `problem`'s kind.
  Result<std::vector<std::filesystem::path>> ObjectsFor(const Problem& problem);

  // Hash of every harness source; part of the backend version.
  std::string SourcesHash() const;

 private:
  std::filesystem::path home_;
  std::filesystem::path cache_dir_;
  std::shared_ptr<const Sandbox> sandbox_;
  std::mutex mu_;  // serializes builds within this process
};

}  // namespace autocomp::cpu
