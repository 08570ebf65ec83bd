// src/master/llm/http_transfer.cc
#include "master/llm/http_transfer.h"

#include <algorithm>
#include <cctype>

namespace autocomp {

namespace {
// Case-insensitive "name:" prefix test; returns the trimmed value.
bool HeaderValue(std::string_view line, std::string_view name, std::string* value) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  std::string_view v = line.substr(name.size() + 1);
  size_t b = v.find_first_not_of(" \t");
  size_t e = v.find_last_not_of(" \t\r\n");
  *value = b == std::string_view::npos ? "" : std::string(v.substr(b, e - b + 1));
  return true;
}
}  // namespace

Result<std::unique_ptr<HttpTransfer>> HttpTransfer::Create(HttpRequest request,
                                                           const TransferLimits& limits,
                                                           void* cookie) {
  std::unique_ptr<HttpTransfer> t(new HttpTransfer());
  t->easy_ = curl_easy_init();
  if (t->easy_ == nullptr) return InternalError("curl_easy_init failed");
  t->request_body_ = std::move(request.body);
  t->max_body_bytes_ = limits.max_body_bytes;
  for (const auto& h : request.headers) {
    curl_slist* next = curl_slist_append(t->headers_, h.c_str());
    if (next == nullptr) return InternalError("curl_slist_append failed");
    t->headers_ = next;
  }
  // libcurl would add "Expect: 100-continue" to large POSTs and wait for it.
  t->headers_ = curl_slist_append(t->headers_, "Expect:");

  CURL* e = t->easy_;
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_POST, 1L);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->request_body_.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->request_body_.size()));
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers_);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &HttpTransfer::OnBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &HttpTransfer::OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_);
  curl_easy_setopt(e, CURLOPT_PRIVATE, cookie);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.timeout_s * 1000));
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout_s * 1000));
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(e, CURLOPT_USERAGENT, "autocomp-llm/0.1");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  return t;
}

HttpTransfer::~HttpTransfer() {
  if (easy_ != nullptr) curl_easy_cleanup(easy_);
  if (headers_ != nullptr) curl_slist_free_all(headers_);
}

size_t HttpTransfer::OnBody(char* data, size_t size, size_t n, void* self) {
  auto* t = static_cast<HttpTransfer*>(self);
  size_t bytes = size * n;
  if (t->body_.size() + bytes > t->max_body_bytes_) return 0;  // aborts: CURLE_WRITE_ERROR
  t->body_.append(data, bytes);
  return bytes;
}

size_t HttpTransfer::OnHeader(char* data, size_t size, size_t n, void* self) {
  auto* t = static_cast<HttpTransfer*>(self);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (e.g. after 100 Continue)
    t->retry_after_.clear();
    t->retry_after_ms_.clear();
  }
  HeaderValue(line, "retry-after-ms", &t->retry_after_ms_) ||
      HeaderValue(line, "retry-after", &t->retry_after_);
  return size * n;
}

TransferOutcome HttpTransfer::Finish(CURLcode code) {
  TransferOutcome out;
  out.curl_code = code;
  long status = 0;
  curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
  out.http_status = static_cast<int>(status);
  out.body = std::move(body_);
  out.retry_after = retry_after_;
  out.retry_after_ms = retry_after_ms_;
  if (code != CURLE_OK) {
    out.curl_error = error_[0] != '\0' ? std::string(error_) : curl_easy_strerror(code);
  }
  return out;
}

}  // namespace autocomp
