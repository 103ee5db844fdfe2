// Status and Result<T>: how every fallible function in eventcoder reports failure.
//
// The library never throws, prints or exits; it returns a Status (or a Result<T> that holds either a
// value or a Status). Front ends (apps/) turn them into messages and exit codes.
//
//   Result<Document> doc = ReadFile("a.txt");
//   if (!doc.ok()) { std::cerr << doc.status().ToString() << "\n"; return 1; }
//   Use(doc.value());
//
// Thread-safety: plain values; copy freely.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace eventcoder {

enum class StatusCode { kOk, kInvalidInput, kNotFound, kIoError, kTooLarge, kUnsupported, kInternal };

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const { return ok() ? std::string("ok") : message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidInput(std::string m) { return Status(StatusCode::kInvalidInput, std::move(m)); }
inline Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
inline Status IoError(std::string m) { return Status(StatusCode::kIoError, std::move(m)); }
inline Status TooLarge(std::string m) { return Status(StatusCode::kTooLarge, std::move(m)); }
inline Status Unsupported(std::string m) { return Status(StatusCode::kUnsupported, std::move(m)); }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

#define EVENTCODER_RETURN_IF_ERROR(expr)      \
  do {                                        \
    ::eventcoder::Status _st = (expr);        \
    if (!_st.ok()) return _st;                \
  } while (0)

}  // namespace eventcoder
