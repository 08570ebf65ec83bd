// src/common/config_reader.cc — strict, uniformly worded reading of config objects.
#include "common/config_reader.h"

#include <algorithm>

#include <fmt/format.h>

namespace autocomp {

using nlohmann::json;

namespace {

// 0.001, 86400, 1e+12: short and exact enough for a message.
std::string Num(double d) { return fmt::format("{:g}", d); }

}  // namespace

ConfigReader::ConfigReader(const json& object, std::string path, std::string source)
    : object_(object), path_(std::move(path)), source_(std::move(source)) {}

Status ConfigReader::CheckObject() const {
  if (!object_.is_object()) return Error(path_.empty() ? "the config" : path_, "must be an object");
  return Status::Ok();
}

bool ConfigReader::Has(const std::string& key) {
  known_.insert(key);
  return object_.is_object() && object_.contains(key);
}

ConfigReader ConfigReader::Child(const std::string& key) { return ConfigReader(object_.at(key), KeyPath(key), source_); }

Status ConfigReader::Required(const std::string& key) {
  return Has(key) ? Status::Ok() : ErrorAt(key, "is required");
}

template <class T, class Valid>
Status ConfigReader::Read(const std::string& key, T* out, Valid valid, const std::string& what) {
  if (!Has(key)) return Status::Ok();
  const json& v = object_.at(key);
  if (!valid(v)) return ErrorAt(key, what);
  *out = v.get<T>();
  return Status::Ok();
}

Status ConfigReader::Int64(const std::string& key, int64_t* out, int64_t lo, int64_t hi) {
  auto valid = [&](const json& v) {
    if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<uint64_t>() > INT64_MAX)) return false;
    return v.get<int64_t>() >= lo && v.get<int64_t>() <= hi;
  };
  return Read(key, out, valid,
              hi == INT64_MAX ? fmt::format("must be an integer >= {}", lo)
                              : fmt::format("must be an integer from {} to {}", lo, hi));
}

Status ConfigReader::Int(const std::string& key, int* out, int64_t lo, int64_t hi) {
  int64_t v = *out;
  AUTOCOMP_RETURN_IF_ERROR(Int64(key, &v, lo, hi));
  *out = static_cast<int>(v);
  return Status::Ok();
}

template <class T, class ReadValue>
Status ConfigReader::ReadOptional(const std::string& key, std::optional<T>* out, ReadValue read) {
  if (!Has(key)) return Status::Ok();
  T v{};
  AUTOCOMP_RETURN_IF_ERROR(read(&v));
  *out = v;
  return Status::Ok();
}

Status ConfigReader::OptInt64(const std::string& key, std::optional<int64_t>* out, int64_t lo, int64_t hi) {
  return ReadOptional(key, out, [&](int64_t* v) { return Int64(key, v, lo, hi); });
}

Status ConfigReader::Uint64(const std::string& key, uint64_t* out) {
  auto valid = [](const json& v) { return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0); };
  return Read(key, out, valid, "must be a non-negative integer");
}

Status ConfigReader::Number(const std::string& key, double* out, double lo, double hi) {
  auto valid = [&](const json& v) { return v.is_number() && v.get<double>() >= lo && v.get<double>() <= hi; };
  return Read(key, out, valid, "must be a number from " + Num(lo) + " to " + Num(hi));
}

Status ConfigReader::OptNumber(const std::string& key, std::optional<double>* out, double lo, double hi) {
  return ReadOptional(key, out, [&](double* v) { return Number(key, v, lo, hi); });
}

Status ConfigReader::Bool(const std::string& key, bool* out) {
  return Read(key, out, [](const json& v) { return v.is_boolean(); }, "must be true or false");
}

Status ConfigReader::String(const std::string& key, std::string* out, const std::vector<std::string>& allowed) {
  std::string value;
  AUTOCOMP_RETURN_IF_ERROR(Read(key, &value, [](const json& v) { return v.is_string(); }, "must be a string"));
  if (!Has(key)) return Status::Ok();
  if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    return ErrorAt(key, "must be one of " + list + ", not \"" + value + "\"");
  }
  *out = value;
  return Status::Ok();
}

Status ConfigReader::NoUnknownKeys() const {
  if (!object_.is_object()) return Status::Ok();
  for (const auto& [key, value] : object_.items()) {
    if (known_.count(key)) continue;
    std::string list;
    for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
    return ErrorAt(key, "unknown key (known: " + list + ")");
  }
  return Status::Ok();
}

std::string ConfigReader::KeyPath(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

Status ConfigReader::Error(const std::string& key_path, const std::string& what) const {
  return InvalidArgumentError(source_ + ": " + key_path + ": " + what);
}

}  // namespace autocomp
