// src/master/llm/llm_client.h
//
// LlmClient: many LLM calls at once, driven from the master's single event
// loop. Submit() queues a request and returns at once; Poll() moves every
// call forward (sends, receives, retries after backoff) and returns the
// calls that have finished — with text, or with a final failure that holds
// no text. Nothing blocks: Poll(max_wait_ms) returns within max_wait_ms
// (plus the time to parse what arrived), and backoff timers live inside the
// client, so there is no thread or sleep per request.
//
// Per call, in order:
//   1. The model name is parsed and the parameters resolved (request →
//      llm.model_params → llm defaults); the request hash is computed.
//   2. The cache (if given) is asked; a hit returns at once, cached = true,
//      cost 0. In replay-only mode a miss ends as "uncached"; nothing is sent.
//   3. The key is looked up; a missing one ends the call as "rejected" with
//      a message naming the variable (CheckKeys() finds this at start).
//   4. The call waits for a slot of its provider (llm.providers.*.
//      max_concurrency / llm.servers.*.max_concurrency). When its first
//      attempt would start while the budget is exhausted, it ends as
//      "budget" instead.
//   5. Attempts: see retry_policy.h for what is retried and how long the
//      client waits. A 400/422 that names a parameter the request carried
//      (temperature, reasoning_effort, a system message) drops that
//      parameter for this model for the rest of the run and retries at
//      once; each parameter is dropped at most once.
//   6. The finished call is accounted (tokens → cost from the price table,
//      budget) and returned by the next Poll().
//
// Keys go only into request headers. Every error text is scrubbed of known
// keys before it reaches a record or the log (ApiKeys::Redact).
//
// Thread-safety: none. One thread calls everything. Ownership: the cache
// passed to Create must outlive the client. Destroying the client aborts
// what is in flight (nothing is returned for those calls).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "common/status.h"
#include "master/llm/llm_budget.h"
#include "master/llm/llm_cache.h"
#include "master/llm/llm_options.h"
#include "master/llm/llm_request.h"

namespace autocomp {

class LlmClient {
 public:
  // Loads the price table (built-in + options.prices_file) and the key file.
  // Fails on an unreadable/over-permissive key file or a bad price file.
  // Missing keys are not an error here (see CheckKeys in api_keys.h).
  static Result<std::unique_ptr<LlmClient>> Create(const LlmOptions& options,
                                                   LlmCache* cache = nullptr);
  virtual ~LlmClient() = default;

  // Queues `request`. Never blocks; its LlmResponse comes out of Poll().
  virtual void Submit(LlmRequest request) = 0;

  // Drives the transfers for up to `max_wait_ms` (0: just what is ready)
  // and returns every call that finished since the last Poll.
  virtual std::vector<LlmResponse> Poll(int max_wait_ms) = 0;

  // Calls submitted whose response Poll() has not returned yet.
  virtual size_t in_flight() const = 0;

  // Ends every unfinished call as "cancelled"; Poll() returns them.
  virtual void CancelAll() = 0;

  virtual const LlmBudget& budget() const = 0;

  // The request hash Submit() would compute for `request` (after defaults);
  // InvalidArgument if its model name does not parse.
  virtual Result<std::string> HashOf(const LlmRequest& request) const = 0;
};

}  // namespace autocomp
