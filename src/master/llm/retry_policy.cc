// src/master/llm/retry_policy.cc
#include "master/llm/retry_policy.h"

#include <curl/curl.h>

#include <algorithm>
#include <cmath>

#include "common/number_text.h"

namespace autocomp {

namespace {
std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// A finite, non-negative number of seconds (or milliseconds).
std::optional<double> ParseDelay(const std::string& s) {
  const std::optional<double> v = ParseNumber<double>(s);
  if (!v || !std::isfinite(*v) || *v < 0) return std::nullopt;
  return v;
}
}  // namespace

std::optional<double> ParseRetryAfter(std::string_view retry_after, std::string_view retry_after_ms,
                                      std::time_t now) {
  if (auto ms = ParseDelay(Trim(retry_after_ms))) return *ms / 1000.0;
  std::string ra = Trim(retry_after);
  if (ra.empty()) return std::nullopt;
  if (auto s = ParseDelay(ra)) return *s;
  // An HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT" (libcurl knows every form HTTP allows).
  const std::time_t when = curl_getdate(ra.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return std::max(0.0, std::difftime(when, now));
}

bool IsRetryableHttpStatus(int http_status, const std::string& error_code) {
  if (http_status == 429) return error_code != "insufficient_quota";
  return http_status == 408 || http_status == 409 || http_status >= 500;
}

bool IsRetryableCurlCode(int curl_code) {
  switch (static_cast<CURLcode>(curl_code)) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:  // our body cap was hit; a retry gets the same
    case CURLE_OUT_OF_MEMORY:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
      return false;
    default:
      return true;
  }
}

RetryPolicy::RetryPolicy(double initial_s, double max_s, double retry_after_max_s, uint64_t seed)
    : initial_s_(initial_s),
      max_s_(max_s),
      retry_after_max_s_(retry_after_max_s),
      rng_(seed != 0 ? seed : std::random_device{}()) {}

double RetryPolicy::Delay(int retry_index, std::optional<double> hint_s) {
  if (hint_s) return std::min(*hint_s, retry_after_max_s_);
  double base = std::min(max_s_, initial_s_ * std::pow(2.0, std::min(retry_index, 60)));
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return base * jitter(rng_);
}

}  // namespace autocomp
