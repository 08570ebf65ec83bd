// src/master/llm/retry_policy.h
//
// When a failed attempt is worth another try, and how long to wait first.
//
// Retried: HTTP 408, 409, 429 (except OpenAI's "insufficient_quota", which
// no wait will fix), every 5xx (529 = Anthropic overloaded), connection
// errors, timeouts, truncated bodies, and 2xx replies that are not the
// expected JSON. Not retried: other 4xx (bad request, bad key, unknown
// model), malformed URLs, unsupported protocols.
//
// Wait: a server hint wins — retry-after-ms (OpenAI), else Retry-After in
// seconds or as an HTTP date, else a body hint (Gemini RetryInfo) — capped
// at llm.retry_after_max_s. Without a hint: exponential backoff,
// min(backoff_max_s, backoff_initial_s * 2^k) for the k-th retry, times a
// uniform jitter factor in [0.5, 1].
//
// Thread-safety: RetryPolicy is not thread-safe (it owns the jitter RNG).
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace autocomp {

// Seconds to wait from the Retry-After / retry-after-ms header values (empty
// when absent); `now` is the current unix time for the HTTP-date form.
std::optional<double> ParseRetryAfter(std::string_view retry_after, std::string_view retry_after_ms,
                                      std::time_t now);

bool IsRetryableHttpStatus(int http_status, const std::string& error_code);

// libcurl result codes (CURLcode values) after which a retry can help.
bool IsRetryableCurlCode(int curl_code);

class RetryPolicy {
 public:
  RetryPolicy(double initial_s, double max_s, double retry_after_max_s, uint64_t seed);

  // Delay before the retry numbered `retry_index` (0 for the first retry).
  double Delay(int retry_index, std::optional<double> hint_s);

 private:
  double initial_s_;
  double max_s_;
  double retry_after_max_s_;
  std::mt19937_64 rng_;
};

}  // namespace autocomp
