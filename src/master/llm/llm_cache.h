// src/master/llm/llm_cache.h
//
// LlmCache: where the client looks before it pays for a call. Keyed by the
// request hash (LlmRequestHash); the run file's response cache implements
// it for --resume and --replay, MemoryLlmCache for tests and for a replay
// source loaded into memory.
//
// The client only reads. Storing is the caller's job: every LlmResponse with
// an OK status and record.cached == false is a new entry.
//
// Thread-safety: implementations are called from the client's thread only.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "master/llm/llm_request.h"

namespace autocomp {

struct CachedLlmReply {
  std::string text;      // the recorded completion
  LlmCallRecord record;  // the call that paid for it (tokens, model, …)
};

class LlmCache {
 public:
  virtual ~LlmCache() = default;
  // The recorded "ok" reply for `request_hash`, if any.
  virtual std::optional<CachedLlmReply> Lookup(const std::string& request_hash) = 0;
};

class MemoryLlmCache final : public LlmCache {
 public:
  void Insert(const std::string& request_hash, CachedLlmReply reply) {
    entries_[request_hash] = std::move(reply);
  }
  std::optional<CachedLlmReply> Lookup(const std::string& request_hash) override {
    auto it = entries_.find(request_hash);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  size_t size() const { return entries_.size(); }

 private:
  std::map<std::string, CachedLlmReply> entries_;
};

}  // namespace autocomp
