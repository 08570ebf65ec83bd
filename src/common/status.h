// src/common/status.h
//
// Status and Result<T>: how system failures travel (bad config, missing
// toolchain, unwritable run file, lost worker). Candidate outcomes — a
// compile error, a wrong answer, a crash — are NOT Status; they are
// EvalStatus inside EvalResult (eval_result.h).
//
// Codes say what the caller should do next (after absl::StatusCode):
//   InvalidArgument     the input is wrong; fix it, retrying will not help
//   NotFound            a named thing (file, problem id, key) does not exist
//   FailedPrecondition  the system is not in a state to do this (missing
//                       toolchain, file in use); fix the state first
//   Unavailable         transient (LLM 429/5xx, worker busy); retry with backoff
//   DeadlineExceeded    a deadline passed
//   DataLoss            a stored file is corrupt or truncated
//   Internal            a bug or an unexpected library failure
//
// Thread-safety: plain values; copy freely.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace autocomp {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kFailedPrecondition,
  kUnavailable,
  kDeadlineExceeded,
  kDataLoss,
  kInternal,
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "InvalidArgument: config.json: search.beam_size must be >= 1"
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context + ": "`.
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgumentError(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFoundError(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status FailedPreconditionError(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status UnavailableError(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status DeadlineExceededError(std::string m) { return {StatusCode::kDeadlineExceeded, std::move(m)}; }
inline Status DataLossError(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status InternalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status that explains its absence. Never holds an OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace autocomp

// Returns early from the enclosing function if `expr` yields a non-OK Status.
#define AUTOCOMP_RETURN_IF_ERROR(expr)                 \
  do {                                                 \
    ::autocomp::Status autocomp_status_ = (expr);      \
    if (!autocomp_status_.ok()) return autocomp_status_; \
  } while (0)

#define AUTOCOMP_CONCAT_INNER(a, b) a##b
#define AUTOCOMP_CONCAT(a, b) AUTOCOMP_CONCAT_INNER(a, b)

// AUTOCOMP_ASSIGN_OR_RETURN(auto x, MakeX());
#define AUTOCOMP_ASSIGN_OR_RETURN(lhs, expr) \
  AUTOCOMP_ASSIGN_OR_RETURN_IMPL(AUTOCOMP_CONCAT(autocomp_result_, __LINE__), lhs, expr)
#define AUTOCOMP_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
