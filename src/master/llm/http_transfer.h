// src/master/llm/http_transfer.h
//
// HttpTransfer: one HTTP POST as a libcurl easy handle, ready to be added to
// a curl multi handle that someone else drives. It owns the request body,
// the header list (which holds the API key: it is freed, never logged) and
// the buffers for the reply body and the retry headers.
//
// Lifetime: the owner adds easy() to its multi handle, and removes it before
// destroying the transfer. The reply body is capped at max_body_bytes; a
// longer one aborts the transfer with CURLE_WRITE_ERROR.
//
// Thread-safety: none; one thread drives it.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

#include "common/status.h"
#include "master/llm/provider.h"

namespace autocomp {

struct TransferLimits {
  double timeout_s = 600;
  double connect_timeout_s = 30;
  size_t max_body_bytes = 32u << 20;
};

struct TransferOutcome {
  int curl_code = 0;      // CURLcode; 0 = the HTTP exchange completed
  int http_status = 0;    // 0 if no status line arrived
  std::string body;
  std::string retry_after;     // "Retry-After" header value, if any
  std::string retry_after_ms;  // "retry-after-ms" header value, if any
  std::string curl_error;      // libcurl's description; never holds the key
};

class HttpTransfer {
 public:
  // `cookie` is stored as CURLOPT_PRIVATE, for the owner to find the call.
  static Result<std::unique_ptr<HttpTransfer>> Create(HttpRequest request,
                                                      const TransferLimits& limits, void* cookie);
  ~HttpTransfer();
  HttpTransfer(const HttpTransfer&) = delete;
  HttpTransfer& operator=(const HttpTransfer&) = delete;

  CURL* easy() const { return easy_; }
  // Collects the outcome after the multi handle reported `code` for easy().
  TransferOutcome Finish(CURLcode code);

 private:
  HttpTransfer() = default;
  static size_t OnBody(char* data, size_t size, size_t n, void* self);
  static size_t OnHeader(char* data, size_t size, size_t n, void* self);

  CURL* easy_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string request_body_;
  std::string body_;
  std::string retry_after_;
  std::string retry_after_ms_;
  size_t max_body_bytes_ = 0;
  char error_[CURL_ERROR_SIZE] = {0};
};

}  // namespace autocomp
