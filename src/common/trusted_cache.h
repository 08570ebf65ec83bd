// src/common/trusted_cache.h
//
// Folders of trusted build products (harness objects, references, probes)
// kept under a cache dir by content key, for any backend. Contract item 5
// (docs/evaluation.md): a folder is built in a private temporary dir by
// `build`, its files' SHA-256 sums go into a manifest, everything is made
// read-only for other users, and the dir is renamed into place. Every Get()
// checks the sums again; a mismatch rebuilds the folder once, a second
// mismatch is an error. Candidates get the folder bound read-only, never
// hard links into their scratch.
//
// Thread-safety: Get() may be called from many threads; several processes
// may share a cache dir (the first rename wins, others use its files).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"

namespace autocomp {

class TrustedCache {
 public:
  explicit TrustedCache(std::filesystem::path root) : root_(std::move(root)) {}

  // <root>/<name>, holding `files` as `build(tmp_dir)` writes them; built if needed, verified always.
  Result<std::filesystem::path> Get(const std::string& name, const std::vector<std::string>& files,
                                    const std::function<Status(const std::filesystem::path&)>& build);

 private:
  Status Verify(const std::filesystem::path& dir, const std::vector<std::string>& files);

  std::filesystem::path root_;
  std::mutex mu_;
  std::map<std::string, std::map<std::string, std::string>> sums_;  // dir → file → sha256, guarded by mu_
};

}  // namespace autocomp
